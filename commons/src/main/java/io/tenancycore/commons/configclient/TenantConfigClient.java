package io.tenancycore.commons.configclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.cache.CacheCodec;
import io.tenancycore.commons.cache.CacheSettings;
import io.tenancycore.commons.cache.TieredCache;
import io.tenancycore.commons.cache.TieredCacheConfig;
import io.tenancycore.commons.events.ChannelReadiness;
import io.tenancycore.commons.events.ConfigChangesListener;
import io.tenancycore.commons.events.EventTypes;
import io.tenancycore.commons.events.InstanceId;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Per-tenant settings for any service, read from config-service through the service's tiered cache and reloaded
 * without restart: every replica listens to {@code io.tenancycore.config.changed} on {@code tenancy.config-changes}
 * and drops the tenant's cached view (a platform-wide change outdates every view by its revision).
 *
 * <pre>{@code
 * @Inject TenantConfigClient config;
 * config.get("acme", "alerts.max_per_minute").map(v -> v.map(JsonNode::asLong).orElse(60L));
 * config.onChange(change -> LOG.infof("tenant %s changed %s", change.tenantId(), change.keys()));
 * }</pre>
 */
@ApplicationScoped
public class TenantConfigClient {

    public static final String CACHE = "tenant-config";
    static final String CHANGED_TYPE = EventTypes.CONFIG_CHANGED;
    static final String ALL_TENANTS = "*";
    private static final Logger LOG = Logger.getLogger(TenantConfigClient.class);

    private final ConfigServiceApi api;
    private final ServiceTokens tokens;
    private final ConfigChangesListener changes;
    private final ChannelReadiness readiness;
    private final ObjectMapper mapper;
    private final ConfigClientConfig config;
    private final String applicationName;
    private final Optional<String> coreEnvironment;
    private final TieredCache<TenantSettings> cache;
    private final Map<String, Long> latestRevision = new ConcurrentHashMap<>();
    private volatile long latestPlatformRevision;
    private final Set<Consumer<ConfigChange>> listeners = ConcurrentHashMap.newKeySet();
    private volatile boolean subscribed;

    public TenantConfigClient(@RestClient ConfigServiceApi api, ServiceTokens tokens, ConfigChangesListener changes,
            ChannelReadiness readiness,
            ReactiveRedisDataSource redis, InstanceId instanceId, MeterRegistry registry, TieredCacheConfig caches,
            ObjectMapper mapper, ConfigClientConfig config,
            @ConfigProperty(name = "quarkus.application.name") String applicationName,
            @ConfigProperty(name = "tenancy.core-settings.environment") Optional<String> coreEnvironment) {
        this.api = api;
        this.tokens = tokens;
        this.changes = changes;
        this.readiness = readiness;
        this.mapper = mapper;
        this.config = config;
        this.applicationName = applicationName;
        this.coreEnvironment = coreEnvironment;
        CacheSettings configured = caches.caches().get(CACHE).toSettings(CACHE);
        // change events, not cache announcements, invalidate this cache: no invalidation topic of its own
        CacheSettings settings = new CacheSettings(CACHE, configured.l1MaxSize(), configured.l1Ttl(),
                configured.ttl(), configured.compressThresholdBytes(), null);
        this.cache = new TieredCache<>(settings, CacheCodec.json(mapper, TenantSettings.class), redis, null,
                instanceId.value(), registry);
    }

    /** The tenant's merged settings (cached; an L1 hit costs no I/O). */
    public Uni<TenantSettings> settings(String tenantId) {
        ensureSubscribed();
        String environment = environment();
        String key = cacheKey(tenantId, environment);
        return cache.get(key, () -> fetch(tenantId, environment)).chain(settings -> {
            if (isCurrent(settings)) {
                return Uni.createFrom().item(settings);
            }
            return fetch(tenantId, environment).call(fresh -> cache.put(key, fresh));
        });
    }

    public Uni<Optional<JsonNode>> get(String tenantId, String key) {
        return settings(tenantId).map(settings -> settings.value(key));
    }

    /** Called on this replica for every configuration change of any tenant ({@code "*"}: platform-wide). */
    public void onChange(Consumer<ConfigChange> listener) {
        listeners.add(listener);
    }

    public boolean awaitReady(Duration timeout) throws InterruptedException {
        ensureSubscribed();
        return readiness.awaitAssignment(ConfigChangesListener.CHANNEL, timeout);
    }

    /** What an event said changed. */
    public record ConfigChange(String tenantId, long revision, List<String> keys, String layer) {
    }

    private Uni<TenantSettings> fetch(String tenantId, String environment) {
        return tokens.authorization().chain(authorization -> api.effective(tenantId, environment, authorization));
    }

    private boolean isCurrent(TenantSettings settings) {
        return settings.revision() >= latestRevision.getOrDefault(settings.tenantId(), 0L)
                && settings.platformRevision() >= latestPlatformRevision;
    }

    private String environment() {
        return config.environment().or(() -> coreEnvironment).orElse(null);
    }

    private String cacheKey(String tenantId, String environment) {
        return applicationName + ":{" + tenantId + "}:tenant-config:" + (environment == null ? "-" : environment);
    }

    synchronized void ensureSubscribed() {
        if (!subscribed) {
            changes.register(this::onEvent);
            subscribed = true;
        }
    }

    Uni<Void> onEvent(CloudEvent event) {
        if (!CHANGED_TYPE.equals(event.getType()) || event.getData() == null) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data;
        try {
            data = mapper.readTree(event.getData().toBytes());
        } catch (IOException e) {
            LOG.warnf("ignoring unreadable config change %s", event.getId());
            return Uni.createFrom().voidItem();
        }
        String tenantId = data.path("tenant_id").asText(null);
        long revision = data.path("revision").asLong();
        if (tenantId == null) {
            return Uni.createFrom().voidItem();
        }
        List<String> keys = data.path("keys").isArray()
                ? mapper.convertValue(data.path("keys"), mapper.getTypeFactory().constructCollectionType(List.class,
                        String.class))
                : List.of();
        ConfigChange change = new ConfigChange(tenantId, revision, keys, data.path("layer").asText(null));
        Uni<Void> drop;
        if (ALL_TENANTS.equals(tenantId)) {
            latestPlatformRevision = Math.max(latestPlatformRevision, revision);
            cache.invalidateAllLocal();
            drop = Uni.createFrom().voidItem();
        } else {
            latestRevision.merge(tenantId, revision, Math::max);
            drop = cache.invalidate(cacheKey(tenantId, environment())).onFailure().recoverWithNull();
        }
        return drop.invoke(() -> listeners.forEach(listener -> {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warnf("config change listener failed: %s", e.toString());
            }
        }));
    }
}
