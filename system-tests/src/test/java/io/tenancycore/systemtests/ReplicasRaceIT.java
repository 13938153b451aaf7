package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of each stateful service (the suite's and a second one from {@code ./suite replica start}, with its own
 * instance id, so its own every-replica consumer groups) on the same Redis and Kafka, with clients alternating between
 * them (the gateway too), do every piece of work once: the same alert posted many times to both is one alert (one 201,
 * every post counted) and one notification per group, and distinct alerts are notified once each; workflow instances
 * started on both each run to completion once (every task started once, one started and one completed event, no
 * resume); conditional writes of one configuration key from both let exactly one writer win each revision, the others
 * getting a 412 problem+json, with the final value equal to the number of writes that succeeded (none lost, none
 * applied twice); and events published alternately through two gateways reach a subscriber once each, while the
 * tenant's hourly quota counts every request exactly once across both. The second replicas are stopped afterwards, so
 * later tests see the normal suite.
 */
class ReplicasRaceIT {

    private static final SuiteService ALERTS = SuiteService.named("alert-service");
    private static final SuiteService WORKFLOWS = SuiteService.named("workflow-service");
    private static final SuiteService CONFIG = SuiteService.named("config-service");
    private static final SuiteService GATEWAY = SuiteService.named("event-gateway");
    private static final List<String> REPLICATED = List.of(ALERTS.name(), WORKFLOWS.name(), CONFIG.name(),
            GATEWAY.name());
    private static final Duration POLL = Duration.ofMillis(250);

    private static String tenant;
    private static String token;

    @BeforeAll
    static void startSecondReplicasAndATenant() throws Exception {
        inParallel(REPLICATED, SuiteScript::startReplica);
        String admin = SuiteTokens.platformAdmin();
        tenant = "race-" + Long.toString(System.nanoTime(), 36);
        SuiteTenants.register(admin, tenant);
        token = SuiteTokens.newTenantClient(admin, tenant, "tenant-admin");
    }

    @AfterAll
    static void stopSecondReplicas() throws Exception {
        inParallel(REPLICATED, SuiteScript::stopReplica);
    }

    // ------------------------------------------------------------------------------------------------------- alerts

    private static final int SAME_ALERT_POSTS = 40;
    private static final int DISTINCT_ALERTS = 10;
    private static final int POSTS_PER_DISTINCT_ALERT = 4;

    @Test
    void theSameAlertPostedToBothReplicasIsOneAlertWithOneNotificationAndDistinctAlertsOneEach() throws Exception {
        SuiteAlerts first = new SuiteAlerts(ALERTS, token, tenant);
        SuiteAlerts second = first.on(ALERTS.secondReplica());
        try (LoopbackSink sink = new LoopbackSink()) {
            first.webhookReceiver("race", sink.url("/race"));
            first.routing(Map.of("receiver", "race", "group_by", List.of("alertname"), "group_wait", "2s",
                    "group_interval", "1h", "repeat_interval", "4h"));
            List<String> posts = new ArrayList<>(Collections.nCopies(SAME_ALERT_POSTS, "race.same"));
            IntStream.range(0, DISTINCT_ALERTS).forEach(i -> posts.addAll(Collections.nCopies(
                    POSTS_PER_DISTINCT_ALERT, "race.distinct-" + i)));
            Collections.shuffle(posts);

            Map<String, List<Integer>> statuses = new ConcurrentHashMap<>();
            Map<String, String> fingerprints = new ConcurrentHashMap<>();
            List<Callable<Void>> calls = new ArrayList<>();
            for (int i = 0; i < posts.size(); i++) {
                SuiteAlerts replica = i % 2 == 0 ? first : second;
                String name = posts.get(i);
                calls.add(() -> {
                    Response answer = replica.post(name, Map.of("severity", "warning"));
                    statuses.computeIfAbsent(name, n -> Collections.synchronizedList(new ArrayList<>()))
                            .add(answer.statusCode());
                    if (answer.statusCode() / 100 == 2) {
                        fingerprints.put(name, answer.path("fingerprint"));
                    }
                    return null;
                });
            }
            runConcurrently(calls, 8);

            Set<String> names = new HashSet<>(posts);
            for (String name : names) {
                List<Integer> answered = statuses.get(name);
                int expectedPosts = Collections.frequency(posts, name);
                assertEquals(1, Collections.frequency(answered, 201), name + ": one post creates it, " + answered);
                assertEquals(expectedPosts - 1, Collections.frequency(answered, 200), name + ": " + answered);
                assertEquals(expectedPosts, first.alert(fingerprints.get(name)).getInt("occurrences"),
                        name + ": every post answered 2xx is counted");
            }
            Map<String, Long> oncePerGroup = new TreeMap<>();
            names.forEach(name -> oncePerGroup.put(name, 1L));
            await().atMost(Duration.ofSeconds(40)).pollInterval(POLL).until(() -> names.stream()
                    .allMatch(name -> SuiteAlerts.deliveriesOf(sink.at("/race"), name) >= 1));
            // once per group: nothing more comes from either replica over several flushes
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(20)).pollInterval(POLL).untilAsserted(() ->
                    assertEquals(oncePerGroup, deliveriesByAlert(bodies(sink.at("/race"))),
                            "deliveries per group"));
        }
    }

    /** How many webhook deliveries (their bodies) carried each alert (by name). */
    private static Map<String, Long> deliveriesByAlert(List<String> bodies) {
        Map<String, Long> counts = new TreeMap<>();
        for (String body : bodies) {
            for (Object name : JsonPath.from(body).getList("alerts.labels.alertname")) {
                counts.merge((String) name, 1L, Long::sum);
            }
        }
        return counts;
    }

    private static List<String> bodies(List<LoopbackSink.Received> received) {
        return received.stream().map(LoopbackSink.Received::body).toList();
    }

    private static final int SLOWLY_ESCALATED_ALERTS = 9;
    private static final Duration SLOW_RECEIVER = Duration.ofSeconds(8);

    /**
     * One escalation round sends level after level one at a time; with a slow (but healthy) receiver a round outlasts
     * the lease that makes it the only one in the cluster (60 s). The other replica must still not send again what
     * the round is sending: each alert's level is notified once.
     */
    @Test
    void anEscalationRoundLongerThanItsLeaseNotifiesEachLevelOnce() throws Exception {
        SuiteAlerts first = new SuiteAlerts(ALERTS, token, tenant);
        SuiteAlerts second = first.on(ALERTS.secondReplica());
        try (SlowSink sink = new SlowSink(SLOW_RECEIVER)) {
            first.webhookReceiver("slow", sink.url());
            first.escalationPolicy("slow", List.of("escalate=\"slow\""),
                    List.of(Map.of("delay", "1s", "receivers", List.of("slow"))));
            Map<String, Long> oncePerAlert = new TreeMap<>();
            for (int i = 0; i < SLOWLY_ESCALATED_ALERTS; i++) {
                String name = "slow.escalation-" + i;
                (i % 2 == 0 ? first : second).post(name, Map.of("escalate", "slow")).then().statusCode(201);
                oncePerAlert.put(name, 1L);
            }
            Duration round = SLOW_RECEIVER.multipliedBy(SLOWLY_ESCALATED_ALERTS);
            await().atMost(round.plusSeconds(40)).pollInterval(POLL)
                    .until(() -> deliveriesByAlert(sink.bodies()).keySet().containsAll(oncePerAlert.keySet()));
            await().during(SLOW_RECEIVER.plusSeconds(4)).atMost(SLOW_RECEIVER.plusSeconds(20)).pollInterval(POLL)
                    .untilAsserted(() -> assertEquals(oncePerAlert, deliveriesByAlert(sink.bodies()),
                            "escalations per alert"));
        }
    }

    // ---------------------------------------------------------------------------------------------------- workflows

    private static final int INSTANCES = 20;

    @Test
    void workflowInstancesStartedAlternatelyOnBothReplicasEachRunOnceToCompletion() throws Exception {
        SuiteWorkflows first = new SuiteWorkflows(WORKFLOWS, token, tenant);
        SuiteWorkflows second = first.on(WORKFLOWS.secondReplica());
        first.defineSetWaitSet("race", 2);
        Map<String, String> whoById = new HashMap<>();
        for (int i = 0; i < INSTANCES; i++) {
            String who = "w" + i;
            whoById.put((i % 2 == 0 ? first : second).start("race", who), who);
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> whoById.keySet()
                .stream().allMatch(id -> Set.of("completed", "failed", "cancelled").contains(first.status(id))));
        for (Map.Entry<String, String> instance : whoById.entrySet()) {
            JsonPath done = first.instance(instance.getKey());
            assertEquals("completed", done.getString("status"), done.prettify());
            assertEquals(instance.getValue(), done.getString("output.who"));
            assertEquals(0, done.getInt("resumed_count"), "no replica took over a running instance: " + done.get());
            for (String task : List.of("before", "pause", "after")) {
                Map<String, Object> record = SuiteWorkflows.task(done, task);
                assertEquals(List.of(1, 1, 1), List.of(record.get("starts"), record.get("completions"),
                        record.get("attempts")), instance.getKey() + " ran " + task + " once: " + record);
            }
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<Map<String, String>> events = SuiteTopics.headersOfRecordsKeyed(SuiteWorkflows.EVENTS_TOPIC, tenant);
            for (String id : whoById.keySet()) {
                assertEquals(List.of(1L, 1L), List.of(SuiteTopics.cloudEvents(events, SuiteWorkflows.STARTED, id),
                        SuiteTopics.cloudEvents(events, SuiteWorkflows.COMPLETED, id)), id + ": started, completed");
            }
        });
    }

    // ------------------------------------------------------------------------------------------------------- config

    private static final String COUNTER = "race.counter";
    private static final int WRITERS_PER_REPLICA = 2;
    private static final int INCREMENTS_PER_WRITER = 8;

    /** A write that won (the tag it was conditional on) or lost (the answer), as one writer saw it. */
    private record Attempt(String ifMatch, int status, String contentType) {
    }

    @Test
    void conditionalWritesFromBothReplicasLetOneWriterWinEachRevisionAndLoseNothing() throws Exception {
        given().baseUri(CONFIG.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .header("If-None-Match", "*").body(Map.of("value", 0))
                .put("/v1/tenants/{t}/config/keys/{key}", tenant, COUNTER)
                .then().statusCode(201);
        List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> writers = new ArrayList<>();
        for (SuiteService replica : List.of(CONFIG, CONFIG.secondReplica())) {
            for (int w = 0; w < WRITERS_PER_REPLICA; w++) {
                writers.add(() -> {
                    incrementUntilWon(replica, INCREMENTS_PER_WRITER, attempts);
                    return null;
                });
            }
        }
        runConcurrently(writers, writers.size());

        List<Attempt> won = attempts.stream().filter(a -> a.status() == 200).toList();
        List<Attempt> lost = attempts.stream().filter(a -> a.status() != 200).toList();
        assertEquals(writers.size() * INCREMENTS_PER_WRITER, won.size(), "every writer won its increments");
        assertEquals(won.size(), won.stream().map(Attempt::ifMatch).distinct().count(),
                "two writers won the same revision: " + won);
        assertTrue(lost.stream().allMatch(a -> (a.status() == 412 || a.status() == 409)
                && a.contentType().startsWith("application/problem+json")),
                "a losing write is a 409/412 problem+json: " + lost);
        assertTrue(!lost.isEmpty(), "the writers never raced (no write lost a revision)");
        for (SuiteService replica : List.of(CONFIG, CONFIG.secondReplica())) {
            await().atMost(Duration.ofSeconds(15)).pollInterval(POLL).untilAsserted(() -> assertEquals(won.size(),
                    given().baseUri(replica.baseUrl()).auth().oauth2(token)
                            .get("/v1/tenants/{t}/config/keys/{key}", tenant, COUNTER)
                            .then().statusCode(200).extract().jsonPath().getInt("value"),
                    replica.name() + ": the counter holds every increment answered 200, once"));
        }
    }

    /** Read, add one, write back conditionally on the tag read; on a lost race read again. */
    private static void incrementUntilWon(SuiteService replica, int increments, List<Attempt> attempts) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int won = 0;
        while (won < increments) {
            assertTrue(System.nanoTime() < deadline, replica.name() + " won only " + won + " increments in 60 s");
            Response read = given().baseUri(replica.baseUrl()).auth().oauth2(token)
                    .get("/v1/tenants/{t}/config/keys/{key}", tenant, COUNTER);
            assertEquals(200, read.statusCode(), read.asString());
            String tag = read.header("ETag");
            Response write = given().baseUri(replica.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .header("If-Match", tag).body(Map.of("value", read.jsonPath().getInt("value") + 1))
                    .put("/v1/tenants/{t}/config/keys/{key}", tenant, COUNTER);
            attempts.add(new Attempt(tag, write.statusCode(), String.valueOf(write.contentType())));
            if (write.statusCode() == 200) {
                won++;
            } else if (write.statusCode() != 412 && write.statusCode() != 409) {
                throw new AssertionError(replica.name() + " answered " + write.statusCode() + ": " + write.asString());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------ gateway

    private static final int EVENTS = 40;

    @Test
    void eventsPublishedThroughBothGatewaysReachTheSubscriberOnceAndEachRequestIsCountedOnce() throws Exception {
        try (LoopbackSink sink = new LoopbackSink()) {
            given().baseUri(GATEWAY.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("sink", sink.url("/events"), "filters",
                            List.of(Map.of("prefix", Map.of("type", "com.race.")))))
                    .post("/api/events/v1/tenants/{t}/subscriptions", tenant).then().statusCode(201);
            String run = Long.toString(System.nanoTime(), 36);
            List<Response> answers = Collections.synchronizedList(new ArrayList<>());
            List<Callable<Void>> publishes = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                SuiteService gateway = i % 2 == 0 ? GATEWAY : GATEWAY.secondReplica();
                String id = run + "-" + i;
                publishes.add(() -> {
                    answers.add(given().baseUri(gateway.baseUrl()).auth().oauth2(token)
                            .header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/race")
                            .header("ce-type", "com.race.happened").contentType(ContentType.JSON)
                            .body(Map.of("id", id)).post("/api/events/v1/tenants/{t}/events", tenant));
                    return null;
                });
            }
            runConcurrently(publishes, 8);

            assertEquals(List.of(), answers.stream().filter(a -> a.statusCode() != 202)
                    .map(a -> a.statusCode() + " " + a.asString()).toList(), "every event accepted");
            assertQuotaCountedEachRequestOnce(answers);
            Map<String, Long> oncePerEvent = new TreeMap<>();
            IntStream.range(0, EVENTS).forEach(i -> oncePerEvent.put(run + "-" + i, 1L));
            await().atMost(Duration.ofSeconds(40)).pollInterval(POLL)
                    .until(() -> deliveriesById(sink.at("/events")).keySet().containsAll(oncePerEvent.keySet()));
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(20)).pollInterval(POLL).untilAsserted(() ->
                    assertEquals(oncePerEvent, deliveriesById(sink.at("/events")), "deliveries per event"));
        }
    }

    private static Map<String, Long> deliveriesById(List<LoopbackSink.Received> received) {
        Map<String, Long> counts = new TreeMap<>();
        received.forEach(delivery -> counts.merge(delivery.header("ce-id"), 1L, Long::sum));
        return counts;
    }

    /**
     * Each request took its own unit of the tenant's hourly quota, whichever gateway counted it: within one quota
     * window (when it resets: answer time + {@code RateLimit-Reset}, to the minute) no two answers show the same
     * {@code RateLimit-Remaining}.
     */
    private static void assertQuotaCountedEachRequestOnce(List<Response> answers) {
        Map<Long, List<String>> remainingByWindow = new TreeMap<>();
        long now = System.currentTimeMillis() / 1000;
        for (Response answer : answers) {
            long windowEndMinute = (now + Long.parseLong(answer.header("RateLimit-Reset"))) / 60;
            remainingByWindow.computeIfAbsent(windowEndMinute, w -> new ArrayList<>())
                    .add(answer.header("RateLimit-Remaining"));
        }
        remainingByWindow.values().forEach(remaining -> assertEquals(remaining.size(),
                new HashSet<>(remaining).size(), "two requests counted as one: RateLimit-Remaining " + remaining));
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private static void runConcurrently(List<Callable<Void>> calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<Void> result : pool.invokeAll(calls, 3, TimeUnit.MINUTES)) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void inParallel(List<String> services, Consumer<String> action) throws Exception {
        runConcurrently(services.stream().<Callable<Void>>map(service -> () -> {
            action.accept(service);
            return null;
        }).toList(), services.size());
    }
}
