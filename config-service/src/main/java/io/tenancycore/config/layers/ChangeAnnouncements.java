package io.tenancycore.config.layers;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Who is told about a committed revision (watchers, other replicas). Implemented by the watch capability, so that
 * the layers depend on this contract and not on the watchers.
 */
public interface ChangeAnnouncements {

    /** @param tenantId {@code null} for a platform-wide (global or environment) change */
    Uni<Void> announce(String tenantId, String owner, long revision, List<String> keys, List<String> layers);
}
