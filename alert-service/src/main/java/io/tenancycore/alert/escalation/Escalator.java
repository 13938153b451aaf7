package io.tenancycore.alert.escalation;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.alert.Alert;
import io.tenancycore.alert.alert.AlertListener;
import io.tenancycore.alert.alert.AlertState;
import io.tenancycore.alert.alert.AlertStore;
import io.tenancycore.alert.history.HistoryEntry;
import io.tenancycore.alert.history.HistoryStore;
import io.tenancycore.alert.notify.Notification;
import io.tenancycore.alert.notify.Notifier;
import io.tenancycore.alert.support.Keys;
import io.tenancycore.alert.support.LabelMatcher;
import io.tenancycore.alert.support.TenantWrites;
import io.tenancycore.commons.lease.RedisLease;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Escalates unacknowledged alerts, once per cluster (a Redis lease: the other replicas skip the round). The round
 * extends the lease before each delivery and stops when another replica holds it: a round that outlasts its lease
 * (slow receivers, many alerts) would otherwise run beside the next holder's and both would send the levels not yet
 * recorded. For each
 * firing alert a policy matches, every level whose offset since the alert started has passed and that was not yet
 * notified is sent to its receivers and recorded ({@code escalated}); the level reached is kept in
 * {@code alert:{t}:escalation:<fingerprint>} per policy and start, so a re-fired alert escalates from level 0 again.
 * Acknowledged and resolved alerts are not firing, so they never escalate, and their key is deleted then (as an
 * {@link AlertListener}): the escalation state lives only as long as the unacknowledged alert.
 */
@ApplicationScoped
public class Escalator implements AlertListener {

    private static final Logger LOG = Logger.getLogger(Escalator.class);
    /** Longer than one delivery with all its attempts (4 × 10 s timeout plus backoff by default). */
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final String EXTEND_IF_HELD = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0""";

    private final EscalationService policies;
    private final AlertStore alerts;
    private final Notifier notifier;
    private final HistoryStore history;
    private final ReactiveRedisDataSource redis;
    private final RedisLease lease;
    private final String leaseKey;
    private final String instanceId;

    public Escalator(EscalationService policies, AlertStore alerts, Notifier notifier, HistoryStore history,
            ReactiveRedisDataSource redis, @ConfigProperty(name = "tenancy.instance-id") String instanceId) {
        this.policies = policies;
        this.alerts = alerts;
        this.notifier = notifier;
        this.history = history;
        this.redis = redis;
        this.leaseKey = Keys.platform("lease:escalation");
        this.instanceId = instanceId;
        this.lease = new RedisLease(redis, leaseKey, instanceId);
    }

    /** The levels each policy reached per alert: {@code alert:{t}:escalation:<fingerprint>}, policy:start → level. */
    static String levelsKey(String tenantId, String fingerprint) {
        return Keys.of(tenantId, "escalation:" + fingerprint);
    }

    /** An acknowledged or resolved alert escalates no further: what it reached is forgotten (bounded state). */
    @Override
    public Uni<Void> changed(String tenantId, Alert alert, String change, TenantWrites writes) {
        if (change.equals("acknowledged") || change.equals("resolved")) {
            writes.command("DEL", levelsKey(tenantId, alert.fingerprint()));
        }
        return Uni.createFrom().voidItem();
    }

    @Scheduled(every = "${tenancy.alerts.escalation-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    Uni<Void> escalate() {
        return lease.runExclusively(LEASE, policies.tenants().chain(tenants -> Multi.createFrom().iterable(tenants)
                .onItem().transformToUniAndConcatenate(tenant -> escalate(tenant)
                        .onFailure().invoke(e -> LOG.warnf("escalation of tenant %s failed: %s", tenant, e.toString()))
                        .onFailure().recoverWithNull())
                .collect().asList().replaceWithVoid()), null).onFailure().recoverWithNull();
    }

    private Uni<Void> escalate(String tenantId) {
        Instant now = Instant.now();
        return Uni.combine().all().unis(policies.list(tenantId), alerts.all(tenantId)).asTuple().chain(t -> {
            List<Uni<Void>> steps = new ArrayList<>();
            for (EscalationPolicy policy : t.getItem1()) {
                List<LabelMatcher> matchers = LabelMatcher.compile(policy.matchers(), "m", new ArrayList<>());
                List<Duration> offsets = EscalationService.offsets(policy);
                for (Alert alert : t.getItem2()) {
                    if (alert.state() != AlertState.FIRING || !LabelMatcher.all(matchers, alert.labels())) {
                        continue;
                    }
                    Duration elapsed = Duration.between(alert.startsAt(), now);
                    int due = -1;
                    for (int i = 0; i < offsets.size(); i++) {
                        if (elapsed.compareTo(offsets.get(i)) >= 0) {
                            due = i;
                        }
                    }
                    if (due >= 0) {
                        steps.add(step(tenantId, policy, alert, due));
                    }
                }
            }
            return Multi.createFrom().iterable(steps).onItem().transformToUniAndConcatenate(u -> u).collect().asList()
                    .replaceWithVoid();
        });
    }

    /** Extends this replica's lease for the next delivery; fails the round when another replica holds it now. */
    private Uni<Void> stillLeased() {
        return redis.execute("EVAL", EXTEND_IF_HELD, "1", leaseKey, instanceId, Long.toString(LEASE.toMillis()))
                .chain(extended -> extended != null && extended.toLong() == 1 ? Uni.createFrom().voidItem()
                        : Uni.createFrom().<Void>failure(new IllegalStateException(
                                "the escalation lease expired and another replica holds it; this round stops")));
    }

    private Uni<Void> step(String tenantId, EscalationPolicy policy, Alert alert, int due) {
        String key = levelsKey(tenantId, alert.fingerprint());
        String field = policy.name() + ":" + alert.startsAt().toEpochMilli();
        return redis.hash(String.class).hget(key, field).chain(raw -> {
            int reached = raw == null ? -1 : Integer.parseInt(raw);
            if (reached >= due) {
                return Uni.createFrom().voidItem();
            }
            List<Uni<Boolean>> sends = new ArrayList<>();
            for (int level = reached + 1; level <= due; level++) {
                for (String receiver : policy.levels().get(level).receivers()) {
                    Notification notification = new Notification(tenantId, "escalation/" + policy.name() + "/"
                            + level, receiver, Map.of("escalation_policy", policy.name(),
                                    "escalation_level", Integer.toString(level)), List.of(alert), List.of());
                    int shown = level;
                    HistoryEntry escalated = HistoryEntry.stateChange("escalated", alert.fingerprint(), alert.name(),
                            alert.state().wireName(), "system", "policy " + policy.name() + " level " + shown + " → "
                                    + receiver);
                    sends.add(stillLeased().chain(() -> history.append(tenantId, escalated))
                            .chain(() -> notifier.deliver(notification)));
                }
            }
            // recorded after the sends: a replica dying mid-way makes the next lease holder send again, never skip
            return Multi.createFrom().iterable(sends).onItem().transformToUniAndConcatenate(u -> u).collect().asList()
                    .chain(() -> redis.hash(String.class).hset(key, field, Integer.toString(due))).replaceWithVoid();
        });
    }
}
