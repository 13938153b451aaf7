package io.tenancycore.commons.rbac;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.tenancycore.commons.cache.CacheCodec;
import io.tenancycore.commons.cache.CacheSettings;
import io.tenancycore.commons.cache.TieredCache;
import io.tenancycore.commons.cache.TieredCacheConfig;
import io.tenancycore.commons.configclient.ServiceTokens;
import io.tenancycore.commons.events.InstanceId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * CDI wiring of the remote permission provider; the classes themselves are plain so tests can build them. Redis is
 * looked up only when the remote provider is built, so an application without Redis can keep the configured one.
 */
@ApplicationScoped
public class RemoteRbacProducers {

    public static final String DEFAULT_SECURITY_URL = "http://localhost:8082";
    private static final Logger LOG = Logger.getLogger(RemoteRbacProducers.class);

    @Produces
    @Singleton
    @Typed(RemotePermissionProvider.class)
    RemotePermissionProvider remotePermissionProvider(RemoteRbacConfig config, ResilientGrants resilience,
            ServiceTokens tokens, TieredCacheConfig cacheConfig, Instance<ReactiveRedisDataSource> redis,
            InstanceId instanceId, MeterRegistry registry, ObjectMapper mapper,
            @ConfigProperty(name = "tenancy.security.url") Optional<String> configuredUrl,
            @ConfigProperty(name = "quarkus.rest-client.security-service.url") Optional<String> tokenClientUrl,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        // one setting for both clients of security-service: the token endpoint's and this one
        String securityUrl = configuredUrl.or(() -> tokenClientUrl).orElse(DEFAULT_SECURITY_URL);
        SecurityServiceApi api = securityServiceApi(URI.create(securityUrl));
        GrantsSource source = new SecurityServiceGrants(api, tokens::authorization, tokens::reset);
        TieredCache<List<RoleGrants>> cache = grantsCache(cacheConfig.caches().get(RemotePermissionProvider.CACHE)
                .toSettings(RemotePermissionProvider.CACHE), mapper, redis.get(), instanceId.value(), registry);
        LOG.infof("permissions come from security-service's RBAC at %s", securityUrl);
        return new RemotePermissionProvider(tenant -> resilience.grants(source, tenant), cache,
                config.platformRoles(), applicationName);
    }

    /** The typed client of security-service, for {@code base} (e.g. {@code http://security-service:8082}). */
    public static SecurityServiceApi securityServiceApi(URI base) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(base)
                .connectTimeout(Duration.ofSeconds(2).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .build(SecurityServiceApi.class);
    }

    /**
     * The grants cache: the settings of {@code tenancy.cache."rbac-grants"}, but no invalidation topic of its own,
     * since security-service's change events are what invalidates it.
     */
    public static TieredCache<List<RoleGrants>> grantsCache(CacheSettings configured, ObjectMapper mapper,
            ReactiveRedisDataSource redis, String instanceId, MeterRegistry registry) {
        CacheSettings settings = new CacheSettings(configured.name(), configured.l1MaxSize(), configured.l1Ttl(),
                configured.ttl(), configured.compressThresholdBytes(), null);
        return new TieredCache<>(settings, CacheCodec.json(mapper, new TypeReference<List<RoleGrants>>() {
        }), redis, null, instanceId, registry);
    }
}
