package io.tenancycore.security.crypto;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.util.function.BiFunction;

/**
 * Rotates every key whose {@code auto_rotate_period} has passed since its last rotation. Each rotation is a
 * compare-and-set on the version the decision was made on, so even two runs at the same time add one version.
 */
public class KeyAutoRotator {

    private final TransitKeyStore store;
    private final TransitEngine engine;
    private final Clock clock;
    private final BiFunction<TransitKey, Integer, Uni<Void>> onRotated;

    /** @param onRotated called with the key (before rotation) and its new version */
    public KeyAutoRotator(TransitKeyStore store, TransitEngine engine, Clock clock,
            BiFunction<TransitKey, Integer, Uni<Void>> onRotated) {
        this.store = store;
        this.engine = engine;
        this.clock = clock;
        this.onRotated = onRotated;
    }

    /** @return how many keys this run rotated */
    public Uni<Integer> runOnce() {
        return store.tenantsWithKeys()
                .onItem().transformToMulti(tenants -> Multi.createFrom().iterable(tenants))
                .onItem().transformToUniAndConcatenate(tenant -> store.names(tenant)
                        .onItem().transformToMulti(names -> Multi.createFrom().iterable(names))
                        .onItem().transformToUniAndConcatenate(name -> rotateIfDue(tenant, name))
                        .collect().asList()
                        .map(results -> results.stream().mapToInt(Integer::intValue).sum()))
                .collect().asList()
                .map(results -> results.stream().mapToInt(Integer::intValue).sum());
    }

    Uni<Integer> rotateIfDue(String tenantId, String name) {
        return store.find(tenantId, name).chain(key -> {
            if (key == null || !key.rotationDue(clock.instant())) {
                return Uni.createFrom().item(0);
            }
            int next = key.latestVersion() + 1;
            String wrapped = engine.newWrappedMaterial(tenantId, name, next);
            return store.addVersion(tenantId, name, key.latestVersion(), wrapped, clock.instant())
                    .chain(version -> version > 0 ? onRotated.apply(key, version).replaceWith(1)
                            : Uni.createFrom().item(0));
        });
    }
}
