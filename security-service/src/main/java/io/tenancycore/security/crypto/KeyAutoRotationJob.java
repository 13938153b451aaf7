package io.tenancycore.security.crypto;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.InstanceId;
import io.tenancycore.security.events.SecurityEvents;
import io.tenancycore.commons.lease.RedisLease;
import io.tenancycore.security.store.RedisKeys;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import org.jboss.logging.Logger;

/** Auto-rotation on the scheduler, once per cluster: the replica holding the lease does the run. */
@ApplicationScoped
public class KeyAutoRotationJob {

    static final String LEASE = "lease:transit-auto-rotate";
    private static final Logger LOG = Logger.getLogger(KeyAutoRotationJob.class);

    @Inject
    TransitKeyStore store;
    @Inject
    TransitEngine engine;
    @Inject
    TransitService transit;
    @Inject
    TransitConfig config;
    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    InstanceId instanceId;
    @Inject
    Clock clock;

    private KeyAutoRotator rotator;
    private RedisLease lease;

    @PostConstruct
    void init() {
        rotator = new KeyAutoRotator(store, engine, clock, (key, version) -> transit.announce(
                SecurityEvents.KEY_ROTATED, key, Map.of("version", version, "trigger", "auto")));
        lease = new RedisLease(redis, RedisKeys.platform(LEASE), instanceId.value());
    }

    @Scheduled(every = "${tenancy.security.transit.auto-rotate-check-interval:1m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return lease.runExclusively(config.autoRotateLeaseTtl(), rotator.runOnce(), -1)
                .invoke(rotated -> {
                    if (rotated > 0) {
                        LOG.infof("auto-rotated %d keys", rotated);
                    }
                })
                .onFailure().invoke(failure -> LOG.warnf("auto-rotation run failed: %s", failure.getClass().getName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
