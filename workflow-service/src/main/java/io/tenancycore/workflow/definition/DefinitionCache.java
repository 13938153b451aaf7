package io.tenancycore.workflow.definition;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tenancycore.workflow.config.WorkflowConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Tenants' definitions as this replica last read them, so that starting an instance reads no definition from Redis:
 * by version, and the latest by name. An entry may be stale (another replica saved a version, or deleted and
 * created the definition again): the instance's create script finds out in the same round trip
 * ({@link StartableDefinition}) and the start reads Redis again. Saves and deletes on this replica forget the name at
 * once. Bounded by {@code tenancy.workflow.definitions.cache-size}.
 */
@ApplicationScoped
class DefinitionCache {

    /** {@code version} null: the latest. */
    private record Key(String tenantId, String name, Long version) {
    }

    private final Cache<Key, StoredDefinition> entries;

    DefinitionCache(WorkflowConfig config) {
        this.entries = Caffeine.newBuilder().maximumSize(config.definitions().cacheSize()).build();
    }

    Optional<StoredDefinition> find(String tenantId, String name, Long version) {
        return Optional.ofNullable(entries.getIfPresent(new Key(tenantId, name, version)));
    }

    void remember(String tenantId, String name, Long version, StoredDefinition stored) {
        entries.put(new Key(tenantId, name, version), stored);
    }

    /** A save or delete of {@code name}: every cached version goes. */
    void forget(String tenantId, String name) {
        entries.asMap().keySet().removeIf(key -> key.tenantId().equals(tenantId) && key.name().equals(name));
    }
}
