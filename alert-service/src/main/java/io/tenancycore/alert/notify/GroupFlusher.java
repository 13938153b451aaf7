package io.tenancycore.alert.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.alert.Alert;
import io.tenancycore.alert.alert.AlertState;
import io.tenancycore.alert.alert.AlertStore;
import io.tenancycore.alert.history.HistoryEntry;
import io.tenancycore.alert.history.HistoryStore;
import io.tenancycore.alert.receiver.ReceiverService;
import io.tenancycore.alert.routing.Routing;
import io.tenancycore.alert.routing.RoutingService;
import io.tenancycore.alert.silence.SilenceService;
import io.tenancycore.alert.support.AlertsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Flushes due notification groups, on every replica: each due group is claimed atomically ({@link GroupStore#claim}),
 * so exactly one replica flushes it; the claim holds it for the flush (deliveries and their retries included) and the
 * release sets its next due time to claim time + {@code group_interval}.
 * A flush sends when the group's content (firing and newly resolved alerts, minus silenced and inhibited ones) differs
 * from what was last delivered, or when {@code repeat_interval} has passed since — Alertmanager's rules, which make 100
 * identical posts one notification per group interval. Tenants are flushed side by side
 * ({@code tenancy.alerts.flush-concurrency}), so one tenant's failing receivers delay no other tenant, and a tick
 * does not wait for the tenants an earlier tick is still flushing.
 */
@ApplicationScoped
public class GroupFlusher {

    private static final Logger LOG = Logger.getLogger(GroupFlusher.class);
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    private final GroupStore groups;
    private final AlertStore alerts;
    private final SilenceService silences;
    private final RoutingService routing;
    private final ReceiverService receivers;
    private final Notifier notifier;
    private final HistoryStore history;
    private final ObjectMapper mapper;
    private final AlertsConfig config;
    /** The tenants a tick of this replica is flushing now: a later tick leaves them to it. */
    private final Set<String> flushing = ConcurrentHashMap.newKeySet();

    public GroupFlusher(GroupStore groups, AlertStore alerts, SilenceService silences, RoutingService routing,
            ReceiverService receivers, Notifier notifier, HistoryStore history, ObjectMapper mapper,
            AlertsConfig config) {
        this.config = config;
        this.groups = groups;
        this.alerts = alerts;
        this.silences = silences;
        this.routing = routing;
        this.receivers = receivers;
        this.notifier = notifier;
        this.history = history;
        this.mapper = mapper;
    }

    /**
     * Every tick flushes the tenants this replica is not flushing already. Ticks overlap ({@code PROCEED}): a tick that
     * waits on a tenant whose receivers are slow (up to {@link #flushLease()}) must not hold back the next tick, or
     * every other tenant's due groups would wait with it.
     */
    @Scheduled(every = "${tenancy.alerts.flush-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.PROCEED, delayed = "1s")
    Uni<Void> flushDue() {
        return groups.tenants().chain(tenants -> Multi.createFrom().iterable(tenants)
                .filter(flushing::add)
                .onItem().transformToUni(tenant -> flushTenant(tenant)
                        .onFailure().invoke(e -> LOG.warnf("flush of tenant %s failed: %s", tenant, e.toString()))
                        .onFailure().recoverWithNull()
                        .onTermination().invoke(() -> flushing.remove(tenant)))
                .merge(config.flushConcurrency())
                .collect().asList().replaceWithVoid())
                .onFailure().recoverWithNull();
    }

    private Uni<Void> flushTenant(String tenantId) {
        Instant now = Instant.now();
        return groups.due(tenantId, now, 100).chain(due -> Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(group -> groups.meta(tenantId, group.value())
                        .chain(meta -> {
                            long interval = Long.parseLong(meta.getOrDefault("interval", "300000"));
                            Instant leaseUntil = now.plus(flushLease());
                            return groups.claim(tenantId, group.value(), group.score(), leaseUntil)
                                    .chain(won -> won ? flush(tenantId, group.value(), meta, now)
                                            .onTermination().call(() -> groups.release(tenantId, group.value(),
                                                    leaseUntil, now.plus(Duration.ofMillis(interval))))
                                            : Uni.createFrom().voidItem());
                        }))
                .collect().asList().replaceWithVoid());
    }

    /** How long a claimed group is held: long enough for every delivery attempt with its timeout and backoff. */
    private Duration flushLease() {
        AlertsConfig.Delivery delivery = config.delivery();
        return delivery.timeout().plus(delivery.maxBackoff()).multipliedBy(delivery.attempts())
                .plus(Duration.ofSeconds(5));
    }

    Uni<Void> flush(String tenantId, String groupKey, Map<String, String> meta, Instant now) {
        Uni<List<SilenceService.ActiveSilence>> active = silences.active(tenantId, now);
        Uni<List<Routing.InhibitRule>> rules = routing.routing(tenantId)
                .map(r -> r.map(Routing::inhibitRules).orElse(List.of()));
        return Uni.combine().all().unis(groups.members(tenantId, groupKey), alerts.all(tenantId), active, rules)
                .asTuple().chain(t -> decide(tenantId, groupKey, meta, now, t.getItem1(), t.getItem2(),
                        t.getItem3(), t.getItem4()));
    }

    private Uni<Void> decide(String tenantId, String groupKey, Map<String, String> meta, Instant now,
            Set<String> memberFps, List<Alert> tenantAlerts, List<SilenceService.ActiveSilence> active,
            List<Routing.InhibitRule> rules) {
        Map<String, Alert> byFp = tenantAlerts.stream().collect(Collectors.toMap(Alert::fingerprint, a -> a));
        List<String> gone = new ArrayList<>();
        List<Alert> firing = new ArrayList<>();
        List<Alert> resolved = new ArrayList<>();
        Map<Alert, String> suppressed = new HashMap<>();
        for (String fp : memberFps) {
            Alert alert = byFp.get(fp);
            if (alert == null) {
                gone.add(fp);
            } else if (alert.state() == AlertState.RESOLVED) {
                resolved.add(alert);
            } else {
                String why = Suppression.of(alert, active, rules, tenantAlerts);
                if (why == null) {
                    firing.add(alert);
                } else {
                    suppressed.put(alert, why);
                }
            }
        }
        firing.sort(Comparator.comparing(Alert::startsAt).thenComparing(Alert::fingerprint));
        resolved.sort(Comparator.comparing(Alert::fingerprint));
        String lastHash = meta.getOrDefault("last_hash", "");
        Set<String> lastFiring = Set.of(meta.getOrDefault("last_firing", "").split(","));
        // resolved alerts are reported once, and only if the group told about them firing before
        List<Alert> newlyResolved = resolved.stream().filter(a -> lastFiring.contains(a.fingerprint())).toList();
        String hash = firing.stream().map(Alert::fingerprint).collect(Collectors.joining(","));
        String suppressedHash = suppressed.entrySet().stream().map(e -> e.getKey().fingerprint() + "=" + e.getValue())
                .sorted().collect(Collectors.joining(","));
        long lastSent = Long.parseLong(meta.getOrDefault("last_sent", "0"));
        long repeat = Long.parseLong(meta.getOrDefault("repeat", "14400000"));
        String receiver = meta.getOrDefault("receiver", "");
        Uni<Void> noteSuppressed = suppressedHash.equals(meta.getOrDefault("last_suppressed", ""))
                ? Uni.createFrom().voidItem()
                : Multi.createFrom().iterable(suppressed.entrySet()).onItem().transformToUniAndConcatenate(e ->
                        history.append(tenantId, HistoryEntry.notification(e.getValue().startsWith("silenced")
                                ? "silenced" : "inhibited", e.getKey().fingerprint(), e.getKey().name(), receiver, null,
                                null, "suppressed", e.getValue()))).collect().asList()
                        .chain(() -> groups.remember(tenantId, groupKey, Map.of("last_suppressed", suppressedHash)));
        return noteSuppressed.chain(() -> receivers.find(tenantId, receiver)).chain(found -> {
            boolean sendResolved = found.map(v -> v.value().resolvedToo()).orElse(true);
            List<Alert> reportResolved = sendResolved ? newlyResolved : List.of();
            boolean changed = !hash.equals(lastHash) && !(firing.isEmpty() && reportResolved.isEmpty());
            boolean repeatDue = !firing.isEmpty() && hash.equals(lastHash) && now.toEpochMilli() - lastSent >= repeat;
            Uni<Void> send = Uni.createFrom().voidItem();
            if (changed || repeatDue) {
                Notification notification = new Notification(tenantId, groupKey, receiver,
                        read(meta.getOrDefault("labels", "{}")), firing, reportResolved);
                send = notifier.deliver(notification).chain(ok -> ok
                        ? groups.remember(tenantId, groupKey, Map.of("last_hash", hash,
                                "last_firing", hash, "last_sent", Long.toString(now.toEpochMilli())))
                        : Uni.createFrom().voidItem());
            } else if (firing.isEmpty() && !hash.equals(lastHash)) {
                // nothing to tell (every alert resolved unreported, or suppressed): remember the empty state
                send = groups.remember(tenantId, groupKey, Map.of("last_hash", hash, "last_firing", hash));
            }
            List<String> drop = new ArrayList<>(gone);
            resolved.forEach(a -> drop.add(a.fingerprint()));
            return send.chain(() -> firing.isEmpty() && suppressed.isEmpty()
                    ? groups.removeMembers(tenantId, groupKey, drop).chain(() -> groups.dropIfEmpty(tenantId, groupKey))
                    : groups.removeMembers(tenantId, groupKey, gone));
        });
    }

    private Map<String, String> read(String json) {
        try {
            return mapper.readValue(json, LABELS);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Map.of();
        }
    }
}
