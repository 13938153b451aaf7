package io.tenancycore.security.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

@ApplicationScoped
public class MasterKeyRingProducer {

    @Produces
    @Singleton
    MasterKeyRing masterKeyRing(KekConfig config) {
        return MasterKeyRing.fromBase64(config.current().orElse(null), config.previous().orElse(List.of()));
    }
}
