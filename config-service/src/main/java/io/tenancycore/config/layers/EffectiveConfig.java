package io.tenancycore.config.layers;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The merged configuration of a tenant in an environment, as cached: the revisions it reflects (of the tenant and
 * of the platform layers) let a replica tell a stale cached copy from a current one.
 *
 * @param environment {@code null} when read without environment (global &lt; tenant)
 */
public record EffectiveConfig(String tenantId, String environment, long revision, long platformRevision,
        Map<String, EffectiveEntry> entries) {

    public EffectiveConfig {
        entries = Map.copyOf(entries);
    }

    /** Merges layers given lowest precedence first; a later layer's key replaces an earlier one's. */
    public static EffectiveConfig merge(String tenantId, String environment, long revision, long platformRevision,
            List<Map.Entry<String, Map<String, StoredValue>>> layersLowestFirst) {
        Map<String, EffectiveEntry> merged = new TreeMap<>();
        for (Map.Entry<String, Map<String, StoredValue>> layer : layersLowestFirst) {
            layer.getValue().forEach((key, stored) -> merged.put(key,
                    new EffectiveEntry(stored.value(), layer.getKey(), stored.secret(),
                            stored.modRevision())));
        }
        return new EffectiveConfig(tenantId, environment, revision, platformRevision, merged);
    }

    /** Its entity tag: changes when any layer of the view changes. */
    public String tag() {
        return Revisions.viewTag(revision, platformRevision);
    }
}
