package io.tenancycore.commons.rbac;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tenancycore.commons.cache.CacheCodec;
import io.tenancycore.commons.cache.CacheSettings;
import io.tenancycore.commons.cache.TieredCache;
import io.tenancycore.commons.cache.TieredCacheConfig;
import io.tenancycore.commons.events.InstanceId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * CDI wiring of the remote permission provider; the classes themselves are plain so tests can build them. Redis is
 * looked up only when the remote provider is built, so an application without Redis can keep the configured one.
 */
@ApplicationScoped
public class RemoteRbacProducers {

    private static final Logger LOG = Logger.getLogger(RemoteRbacProducers.class);

    @Produces
    @Singleton
    @Typed(RemotePermissionProvider.class)
    RemotePermissionProvider remotePermissionProvider(RemoteRbacConfig config, ResilientGrants resilience,
            @RestClient SecurityServiceApi securityService, TieredCacheConfig cacheConfig,
            Instance<ReactiveRedisDataSource> redis, InstanceId instanceId, MeterRegistry registry, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.rest-client.security-service.url") String securityUrl,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        TieredCache<RbacView> cache = grantsCache(cacheConfig.caches().get(RemotePermissionProvider.CACHE)
                .toSettings(RemotePermissionProvider.CACHE), mapper, redis.get(), instanceId.value(), registry);
        LOG.infof("permissions come from security-service's RBAC at %s", securityUrl);
        return new RemotePermissionProvider(tenant -> resilience.view(securityService::rbac, tenant), cache,
                config.platformRoles(), applicationName);
    }

    /**
     * The grants cache: the settings of {@code tenancy.cache."rbac-grants"}, but no invalidation topic of its own,
     * since security-service's change events are what invalidates it.
     */
    public static TieredCache<RbacView> grantsCache(CacheSettings configured, ObjectMapper mapper,
            ReactiveRedisDataSource redis, String instanceId, MeterRegistry registry) {
        CacheSettings settings = new CacheSettings(configured.name(), configured.l1MaxSize(), configured.l1Ttl(),
                configured.ttl(), configured.compressThresholdBytes(), null);
        return new TieredCache<>(settings, CacheCodec.json(mapper, new TypeReference<RbacView>() {
        }), redis, null, instanceId, registry);
    }
}
