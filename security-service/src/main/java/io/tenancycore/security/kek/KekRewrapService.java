package io.tenancycore.security.kek;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tenancycore.security.crypto.MasterKeyRing;
import io.tenancycore.security.crypto.TransitKey;
import io.tenancycore.security.crypto.TransitKeyStore;
import io.tenancycore.security.token.SigningKey;
import io.tenancycore.security.token.SigningKeyRing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * After a master-key rotation (new {@code ENCRYPTION_KEY}, old one in {@code ENCRYPTION_KEY_PREVIOUS}) re-wraps every
 * stored key under the new KEK. Reads keep working throughout: both KEKs are known until the run reports zero stale.
 * Each slot is replaced by compare-and-set, so a concurrent rotation or a second run never loses material.
 */
@ApplicationScoped
public class KekRewrapService {

    @Inject
    MasterKeyRing masterKeys;
    @Inject
    TransitKeyStore transitKeys;
    @Inject
    SigningKeyRing signingKeys;

    /** Field names as the rest of the API spells them (snake_case, like {@code GET /v1/admin/kek}). */
    public record Report(@JsonProperty("current_kek_id") String currentKekId, @JsonProperty("rewrapped") int rewrapped,
            @JsonProperty("already_current") int alreadyCurrent) {
    }

    public Uni<Report> rewrapAll() {
        AtomicInteger rewrapped = new AtomicInteger();
        AtomicInteger current = new AtomicInteger();
        Uni<Void> transit = transitKeys.tenantsWithKeys()
                .onItem().transformToMulti(tenants -> Multi.createFrom().iterable(tenants))
                .onItem().transformToUniAndConcatenate(tenant -> transitKeys.names(tenant)
                        .onItem().transformToMulti(names -> Multi.createFrom().iterable(names))
                        .onItem().transformToUniAndConcatenate(name -> transitKeys.find(tenant, name)
                                .chain(key -> key == null ? Uni.createFrom().voidItem()
                                        : rewrapTransitKey(key, rewrapped, current)))
                        .collect().last())
                .collect().last().replaceWithVoid();
        Uni<Void> signing = signingKeys.reload().chain(() -> signingKeys.store().all())
                .chain(all -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (SigningKey key : all) {
                        if (masterKeys.isCurrent(key.privateWrapped())) {
                            current.incrementAndGet();
                            continue;
                        }
                        String fresh = masterKeys.rewrap(key.privateWrapped(), SigningKey.materialLocation(key.kid()));
                        chain = chain.chain(() -> signingKeys.store().save(new SigningKey(key.kid(), key.createdAt(),
                                key.retiredAt(), key.publicJwk(), fresh))).invoke(rewrapped::incrementAndGet);
                    }
                    return chain;
                });
        return transit.chain(() -> signing).chain(signingKeys::reload)
                .map(ignored -> new Report(masterKeys.currentId(), rewrapped.get(), current.get()));
    }

    private Uni<Void> rewrapTransitKey(TransitKey key, AtomicInteger rewrapped, AtomicInteger current) {
        List<Uni<Void>> steps = new ArrayList<>();
        for (Map.Entry<Integer, String> version : key.wrappedVersions().entrySet()) {
            if (masterKeys.isCurrent(version.getValue())) {
                current.incrementAndGet();
                continue;
            }
            String location = TransitKey.materialLocation(key.tenantId(), key.name(), version.getKey());
            String fresh = masterKeys.rewrap(version.getValue(), location);
            steps.add(transitKeys.replaceMaterial(key.tenantId(), key.name(), version.getKey(), version.getValue(),
                    fresh).invoke(replaced -> {
                        if (replaced) {
                            rewrapped.incrementAndGet();
                        }
                    }).replaceWithVoid());
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Uni<Void> step : steps) {
            chain = chain.chain(() -> step);
        }
        return chain;
    }
}
