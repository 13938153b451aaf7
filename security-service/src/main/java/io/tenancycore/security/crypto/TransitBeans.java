package io.tenancycore.security.crypto;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tenancycore.security.crypto.MasterKeyRing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

@ApplicationScoped
public class TransitBeans {

    @Produces
    @Singleton
    TransitKeyStore transitKeyStore(ReactiveRedisDataSource redis) {
        return new TransitKeyStore(redis);
    }

    @Produces
    @Singleton
    TransitEngine transitEngine(MasterKeyRing masterKeys) {
        return new TransitEngine(masterKeys);
    }
}
