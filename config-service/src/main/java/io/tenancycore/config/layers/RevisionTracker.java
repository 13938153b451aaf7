package io.tenancycore.config.layers;

import io.tenancycore.config.support.Keys;
import io.tenancycore.config.support.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest revision this replica knows of per owner (tenant, or the platform), from its own writes and from
 * every replica's change events. A cached merged view older than that is stale, whatever the cache says — this
 * closes the race where a slow read fills a cache just after the change that outdated it was announced.
 */
@ApplicationScoped
public class RevisionTracker {

    private final Map<String, Long> latest = new ConcurrentHashMap<>();

    public void seen(String owner, long revision) {
        latest.merge(owner, revision, Math::max);
    }

    public long latest(String owner) {
        return latest.getOrDefault(owner, 0L);
    }

    public boolean isCurrent(EffectiveConfig view) {
        return view.revision() >= latest(view.tenantId()) && view.platformRevision() >= latest(RedisKeys.PLATFORM);
    }
}
