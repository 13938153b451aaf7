package io.tenancycore.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook receivers that fail or answer too slowly, on the running suite, counted: events the gateway could not
 * deliver to a failing sink are retried per the subscription's policy, then dead-lettered with the reason, and every
 * published event is either delivered or dead-lettered, never both; replayed once the sink recovers, every one is
 * delivered exactly once. A sink slower than the subscription's timeout is dead-lettered like a failing one, and
 * another tenant's subscription to a healthy sink gets its events promptly meanwhile. alert-service retries a failing
 * webhook and delivers the notification exactly once after it recovers, every failed attempt in the tenant's history
 * and metrics; a slow webhook delays no other tenant's notification. (The module tests prove each rule on one event
 * against stand-ins; these go through the real services, broker and Redis.)
 */
class WebhookSinkFaultsIT {

    /** How soon a healthy tenant's event or notification must arrive while another tenant's sink misbehaves. */
    private static final Duration PROMPTLY = Duration.ofSeconds(6);
    private static final Duration OUTCOME_BOUND = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(4);
    private static final String FAILING_EVENTS = "faults.failing.";
    private static final String SLOW_EVENTS = "faults.slow.";
    private static final String HEALTHY_EVENTS = "faults.healthy.";
    /** Longer than alert-service's delivery timeout (10 s, application.yaml tenancy.alerts.delivery.timeout). */
    private static final Duration SLOWER_THAN_ALERT_TIMEOUT = Duration.ofSeconds(13);

    private static String run;
    private static Tenant failing;
    private static Tenant slow;
    private static Tenant healthy;
    private static LoopbackSink sink;

    /** A registered tenant and what it reaches with its administrator's token. */
    record Tenant(String id, SuiteEventBus events, SuiteAlerts alerts) {

        static Tenant register(String admin, String id) {
            SuiteTenants.register(admin, id);
            String token = SuiteTokens.newTenantClient(admin, id, "tenant-admin");
            return new Tenant(id, new SuiteEventBus(token, id), new SuiteAlerts(token, id));
        }
    }

    @BeforeAll
    static void tenantsAndSink() throws Exception {
        String admin = SuiteTokens.platformAdmin();
        run = Long.toString(System.nanoTime(), 36);
        // registered side by side: each waits for its provisioning workflow
        var failingTenant = CompletableFuture.supplyAsync(() -> Tenant.register(admin, "sink-failing-" + run));
        var slowTenant = CompletableFuture.supplyAsync(() -> Tenant.register(admin, "sink-slow-" + run));
        var healthyTenant = CompletableFuture.supplyAsync(() -> Tenant.register(admin, "sink-healthy-" + run));
        failing = failingTenant.join();
        slow = slowTenant.join();
        healthy = healthyTenant.join();
        sink = new LoopbackSink();
    }

    @AfterAll
    static void stopSink() {
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void eventsToAFailingSinkAreDeadLetteredThenReplayedOnceEachAfterItRecovers() {
        String path = "/events-failing";
        sink.failUntilRecovered(path);
        String subscription = failing.events().subscribe(sink.url(path), FAILING_EVENTS,
                Map.of("retry", 2, "backoff_policy", "linear", "backoff_delay", "PT0.1S", "timeout", "PT2S"));
        List<String> published = ids("failing", 30);
        failing.events().publish(FAILING_EVENTS + "happened", published);

        // the sink fails for a while, then recovers in the middle of the stream
        await().atMost(OUTCOME_BOUND).until(() -> failing.events().deadLetters().size() >= 10);
        sink.recover(path);
        await().atMost(OUTCOME_BOUND).until(() -> {
            Set<String> deadIds = deadLettered(failing).keySet();
            return published.stream().allMatch(id -> takenTimes(path, id) > 0 || deadIds.contains(id));
        });

        Map<String, Map<String, Object>> dead = deadLettered(failing);
        Set<String> delivered = published.stream().filter(id -> takenTimes(path, id) > 0)
                .collect(Collectors.toCollection(TreeSet::new));
        System.out.printf("[WebhookSinkFaultsIT] failing sink: published %d, delivered %d, dead-lettered %d%n",
                published.size(), delivered.size(), dead.size());
        assertEquals(published.size(), delivered.size() + dead.size(), "delivered + dead-lettered == published");
        assertTrue(delivered.stream().noneMatch(dead::containsKey), "an event both delivered and dead-lettered");
        for (Map.Entry<String, Map<String, Object>> letter : dead.entrySet()) {
            assertEquals("sink answered 500", letter.getValue().get("reason"), letter.toString());
            assertEquals(3, letter.getValue().get("attempts"), "the first attempt and 2 retries: " + letter);
            assertEquals(3, requests(path, letter.getKey()).size(), "requests of " + letter.getKey());
        }
        Map<String, Integer> onDlqTopic = SuiteTopics.eventIds("tenancy.events.dlq", failing.id());
        dead.keySet().forEach(id -> assertEquals(1, onDlqTopic.getOrDefault(id, 0), id + " on tenancy.events.dlq"));

        dead.values().forEach(letter -> failing.events().replay((String) letter.get("id")));
        await().atMost(OUTCOME_BOUND).until(() -> failing.events().deadLetters().isEmpty()
                && published.stream().allMatch(id -> takenTimes(path, id) > 0));
        await().during(SETTLE).atMost(SETTLE.plusSeconds(2)).until(() -> published.stream()
                .allMatch(id -> takenTimes(path, id) == 1));
        failing.events().unsubscribe(subscription);
    }

    @Test
    void aSlowSinkIsDeadLetteredLikeAFailingOneAndDelaysNoOtherTenantsEvents() {
        String slowPath = "/events-slow";
        String healthyPath = "/events-healthy";
        sink.delay(slowPath, Duration.ofSeconds(4));
        String slowSubscription = slow.events().subscribe(sink.url(slowPath), SLOW_EVENTS,
                Map.of("retry", 1, "backoff_policy", "linear", "backoff_delay", "PT0.1S", "timeout", "PT1S"));
        String healthySubscription = healthy.events().subscribe(sink.url(healthyPath), HEALTHY_EVENTS, Map.of());
        List<String> slowIds = ids("slow", 6);
        List<String> healthyIds = ids("healthy", 5);

        slow.events().publish(SLOW_EVENTS + "happened", slowIds);
        await().atMost(OUTCOME_BOUND).until(() -> !sink.at(slowPath).isEmpty());
        long published = System.nanoTime();
        healthy.events().publish(HEALTHY_EVENTS + "happened", healthyIds);
        await().atMost(PROMPTLY).until(() -> healthyIds.stream().allMatch(id -> takenTimes(healthyPath, id) == 1));
        long healthyMillis = (System.nanoTime() - published) / 1_000_000;

        await().atMost(OUTCOME_BOUND).until(() -> deadLettered(slow).keySet().containsAll(slowIds));
        Map<String, Map<String, Object>> dead = deadLettered(slow);
        System.out.printf("[WebhookSinkFaultsIT] slow sink: %d events dead-lettered; the other tenant's %d events "
                + "arrived within %d ms%n", slowIds.size(), healthyIds.size(), healthyMillis);
        for (String id : slowIds) {
            String reason = (String) dead.get(id).get("reason");
            assertTrue(reason.startsWith("no answer: ") && reason.contains("timeout period of 1000ms"),
                    id + ": " + reason);
            assertEquals(2, dead.get(id).get("attempts"), id);
            assertEquals(0, takenTimes(slowPath, id), id + " was taken although no answer came in time");
        }
        slow.events().unsubscribe(slowSubscription);
        healthy.events().unsubscribe(healthySubscription);
        sink.recover(slowPath);
    }

    @Test
    void aFailingAlertWebhookGetsTheNotificationOnceAfterItRecoversEveryAttemptRecorded() {
        String path = "/alerts-failing";
        SuiteAlerts alerts = failing.alerts();
        // four attempts of the first flush and two of the next fail; the seventh is taken
        sink.failFirst(path, 6);
        alerts.routeEverythingTo("flaky", sink.url(path));
        double failuresBefore = alerts.webhookNotifications("failure");
        double successesBefore = alerts.webhookNotifications("success");
        alerts.send("faults.flaky_receiver");

        await().atMost(OUTCOME_BOUND).until(() -> sink.at(path).stream().anyMatch(LoopbackSink.Received::taken));
        await().during(SETTLE).atMost(SETTLE.plusSeconds(2)).until(() -> sink.at(path).size() == 7);
        assertEquals(1, sink.at(path).stream().filter(LoopbackSink.Received::taken).count(), "notifications taken");
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts.history("notification_sent").size() == 1);
        List<Map<String, Object>> attempts = alerts.history("notification_attempt");
        assertEquals(6, attempts.stream().filter(outcome("failure")).count(), "failed attempts: " + attempts);
        assertEquals(1, attempts.stream().filter(outcome("success")).count(), "successful attempts: " + attempts);
        assertEquals(1, alerts.history("notification_failed").size(), "the first flush gave up once");
        assertTrue(alerts.webhookNotifications("failure") - failuresBefore >= 1, "failed notification not counted");
        assertEquals(1, alerts.webhookNotifications("success") - successesBefore, 0.0, "notifications counted");
    }

    @Test
    void aSlowAlertWebhookTimesOutIsRetriedOnceAndDelaysNoOtherTenantsNotification() {
        String slowPath = "/alerts-slow";
        String healthyPath = "/alerts-healthy";
        sink.delay(slowPath, SLOWER_THAN_ALERT_TIMEOUT);
        slow.alerts().routeEverythingTo("slow", sink.url(slowPath));
        healthy.alerts().routeEverythingTo("healthy", sink.url(healthyPath));
        slow.alerts().send("faults.slow_receiver");
        await().atMost(OUTCOME_BOUND).until(() -> !sink.at(slowPath).isEmpty());

        long sent = System.nanoTime();
        healthy.alerts().send("faults.healthy_receiver");
        await().atMost(PROMPTLY).until(() -> sink.at(healthyPath).size() == 1);
        long healthyMillis = (System.nanoTime() - sent) / 1_000_000;
        // the first attempt is still waiting for its answer: the receiver answers in time from now on
        sink.recover(slowPath);

        await().atMost(OUTCOME_BOUND).until(() -> sink.at(slowPath).stream().anyMatch(LoopbackSink.Received::taken));
        await().during(SETTLE).atMost(SETTLE.plusSeconds(2)).until(() -> sink.at(slowPath).size() == 2
                && sink.at(healthyPath).size() == 1);
        System.out.printf("[WebhookSinkFaultsIT] slow alert webhook: the other tenant's notification arrived within "
                + "%d ms%n", healthyMillis);
        await().atMost(Duration.ofSeconds(10)).until(() -> slow.alerts().history("notification_sent").size() == 1);
        List<Map<String, Object>> attempts = slow.alerts().history("notification_attempt");
        assertEquals(1, attempts.stream().filter(outcome("failure")).count(), "timed-out attempts: " + attempts);
        assertEquals(1, attempts.stream().filter(outcome("success")).count(), "successful attempts: " + attempts);
    }

    private static List<String> ids(String kind, int count) {
        return IntStream.range(0, count).mapToObj(i -> kind + "-" + run + "-" + i).toList();
    }

    private static List<LoopbackSink.Received> requests(String path, String eventId) {
        return sink.at(path).stream().filter(r -> eventId.equals(r.header("ce-id"))).toList();
    }

    private static long takenTimes(String path, String eventId) {
        return requests(path, eventId).stream().filter(LoopbackSink.Received::taken).count();
    }

    /** The tenant's dead letters by event id. */
    private static Map<String, Map<String, Object>> deadLettered(Tenant tenant) {
        return tenant.events().deadLetters().stream()
                .collect(Collectors.toMap(SuiteEventBus::eventId, letter -> letter, (a, b) -> a));
    }

    private static Predicate<Map<String, Object>> outcome(String outcome) {
        return entry -> outcome.equals(entry.get("outcome"));
    }
}
