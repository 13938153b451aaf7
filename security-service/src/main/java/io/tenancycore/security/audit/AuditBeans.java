package io.tenancycore.security.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

@ApplicationScoped
public class AuditBeans {

    @Produces
    @Singleton
    AuditChainStore auditChainStore(ReactiveRedisDataSource redis, ObjectMapper mapper) {
        return new AuditChainStore(redis, mapper);
    }

    @Produces
    @Singleton
    AuditTrail auditTrail(AuditChainStore store) {
        return new AuditTrail(store);
    }
}
