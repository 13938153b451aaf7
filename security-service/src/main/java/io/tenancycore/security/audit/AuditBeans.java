package io.tenancycore.security.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tenancycore.security.crypto.MasterKeyRing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

@ApplicationScoped
public class AuditBeans {

    @Produces
    @Singleton
    AuditChainStore auditChainStore(ReactiveRedisDataSource redis, ObjectMapper mapper) {
        return new AuditChainStore(redis, mapper);
    }

    @Produces
    @Singleton
    AuditKeys auditKeys(MasterKeyRing masterKeys, ReactiveRedisDataSource redis) {
        return new AuditKeys(masterKeys, redis);
    }

    @Produces
    @Singleton
    AuditTrail auditTrail(AuditChainStore store, AuditKeys keys, Clock clock) {
        return new AuditTrail(store, keys, clock);
    }
}
