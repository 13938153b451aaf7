package io.tenancycore.alert.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.support.VersionedStore.Versioned;
import io.tenancycore.commons.error.ProblemException;
import java.util.List;

/**
 * The create/read/list/replace/delete of one kind of a tenant's named, versioned objects (rules, escalation policies)
 * over a {@link VersionedStore}: the owning service validates, this stores under the tenant's cap and answers 404 in
 * the kind's own words ("No rule 'cpu'."). The HTTP side is {@link Written}.
 */
public final class VersionedCrud<T> {

    private final VersionedStore<T> store;
    private final String noun;
    private final int maxPerTenant;

    /**
     * @param kind the store's kind (its Redis hash {@code alert:{t}:<kind>})
     * @param noun how a 404 names one object, e.g. "rule", "escalation policy"
     */
    public VersionedCrud(ReactiveRedisDataSource redis, ObjectMapper mapper, String kind, Class<T> type, String noun,
            int maxPerTenant) {
        this.store = new VersionedStore<>(redis, mapper, kind, type);
        this.noun = noun;
        this.maxPerTenant = maxPerTenant;
    }

    /** Stores an already validated object; {@code expectedVersion} -1 any, 0 create only, else If-Match's. */
    public Uni<Versioned<T>> put(String tenantId, String name, T value, long expectedVersion) {
        return store.put(tenantId, name, value, expectedVersion, maxPerTenant)
                .map(version -> new Versioned<>(value, version));
    }

    public Uni<Versioned<T>> get(String tenantId, String name) {
        return store.find(tenantId, name).map(found -> found.orElseThrow(() -> notFound(name)));
    }

    /** Every object of the tenant, by name. */
    public Uni<List<T>> list(String tenantId) {
        return store.values(tenantId);
    }

    public Uni<Void> delete(String tenantId, String name, long expectedVersion) {
        return store.delete(tenantId, name, expectedVersion).invoke(existed -> {
            if (!existed) {
                throw notFound(name);
            }
        }).replaceWithVoid();
    }

    private ProblemException notFound(String name) {
        return ProblemException.notFound("No " + noun + " '" + name + "'.");
    }
}
