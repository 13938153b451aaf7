package io.tenancycore.alert.alert;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collections;
import java.util.Map;

/**
 * What this replica last stored or read for each alert: the alert and the SHA-1 of its stored JSON. A Prometheus
 * re-sends every firing alert each evaluation, and reading those alerts back from Redis and parsing their JSON was the
 * largest part of the ingest path's CPU; with this, a repeated post is worked out from memory.
 * <p>
 * It is a guess, never the truth: the batch's script still compares each alert's stored value with the SHA-1 kept here
 * and writes nothing when another writer changed it in between (another replica, the sweep, a purge, a flushed
 * database), and the batch is then worked out again from a fresh read. Bounded over all tenants (least recently used
 * entries go first); an entry's maps are read-only because the same alert is shared by later batches.
 */
final class KnownAlerts {

    /**
     * An alert as stored (occurrences not set) and the SHA-1 of the JSON it is stored as; that JSON when this replica
     * wrote it (null when it was read).
     */
    record Known(Alert alert, String sha1, AlertJson.Written written) {
    }

    private record Key(String tenantId, String fingerprint) {
    }

    private final Cache<Key, Known> cache;

    KnownAlerts(long maxEntries) {
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    /** The alert as this replica last knew it stored, or null. */
    Known get(String tenantId, String fingerprint) {
        return cache.getIfPresent(new Key(tenantId, fingerprint));
    }

    void put(String tenantId, Alert alert, String sha1, AlertJson.Written written) {
        Alert sealed = new Alert(alert.fingerprint(), alert.name(), alert.state(), alert.severity(),
                readOnly(alert.labels()), readOnly(alert.annotations()),
                alert.data() == null ? null : alert.data().deepCopy(), alert.generatorUrl(), alert.source(),
                alert.startsAt(), alert.endsAt(), alert.updatedAt(), alert.acknowledgedAt(), alert.acknowledgedBy(),
                alert.resolvedAt(), null);
        cache.put(new Key(tenantId, alert.fingerprint()), new Known(sealed, sha1, written));
    }

    private static Map<String, String> readOnly(Map<String, String> map) {
        return map == null ? null : Collections.unmodifiableMap(map);
    }

    void forget(String tenantId, String fingerprint) {
        cache.invalidate(new Key(tenantId, fingerprint));
    }
}
