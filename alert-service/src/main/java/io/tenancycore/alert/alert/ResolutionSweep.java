package io.tenancycore.alert.alert;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.support.Keys;
import io.tenancycore.commons.lease.RedisLease;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Resolves alerts whose {@code ends_at} has passed (Alertmanager's expiry of alerts no longer re-sent) and forgets
 * resolved ones past retention. One replica runs it at a time: the others find the lease taken and skip the round.
 */
@ApplicationScoped
public class ResolutionSweep {

    private static final Logger LOG = Logger.getLogger(ResolutionSweep.class);
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final AlertService alerts;
    private final AlertStore store;
    private final RedisLease lease;

    public ResolutionSweep(AlertService alerts, AlertStore store, ReactiveRedisDataSource redis,
            @ConfigProperty(name = "tenancy.instance-id") String instanceId) {
        this.alerts = alerts;
        this.store = store;
        this.lease = new RedisLease(redis, Keys.platform("lease:resolution-sweep"), instanceId);
    }

    @Scheduled(every = "${tenancy.alerts.sweep-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    Uni<Void> sweep() {
        return lease.runExclusively(LEASE, store.tenants().chain(tenants -> Multi.createFrom().iterable(tenants)
                .onItem().transformToUniAndConcatenate(tenant -> alerts.sweep(tenant)
                        .onFailure().invoke(e -> LOG.warnf("sweep of tenant %s failed: %s", tenant, e.toString()))
                        .onFailure().recoverWithItem(0))
                .collect().asList().replaceWithVoid()), null)
                .onFailure().invoke(e -> LOG.warnf("resolution sweep failed: %s", e.toString()))
                .onFailure().recoverWithNull();
    }
}
