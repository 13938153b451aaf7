package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Redis (the system of record, with AOF) stopped and started while two clients write configuration keys to
 * config-service and one posts alerts to alert-service, every answer recorded: every write answered 2xx is there
 * afterwards (each configuration value read back equal, each alert found by its fingerprint) and has its audit record;
 * a write refused during the outage was refused quickly as a {@code problem+json} 503, never a hang, an HTML page or
 * an unexplained 500; and both services recover by themselves: writes succeed again and {@code /q/health} is UP
 * without restarting them. Alert ingestion is not audited by design (alert-service's README), so the audit is checked
 * for the configuration writes.
 */
class RedisRestartIT {

    private static final SuiteService CONFIG = SuiteService.named("config-service");
    private static final SuiteService ALERTS = SuiteService.named("alert-service");
    /** The longest any single answer may take, refusals included: beyond it a client sees a hang. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);
    private static final int SOCKET_TIMEOUT_MS = 30_000;
    private static final int WRITES_BEFORE_RESTART = 15;
    private static final int WRITES_AFTER_RESTART = 10;
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);
    private static final long PACE_MILLIS = 20;

    /** When a write was made: the first of each client warms the service up and is not held to the time bound. */
    enum Phase { WARM_UP, BEFORE_RESTART, AFTER_RESTART }

    /** One write and its answer; {@code status} 0 when no answer came ({@code body} then says why). */
    record Answer(String id, int status, String contentType, String body, long millis, Phase phase) {

        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    /** A client writing distinct values one after another until stopped, recording every answer. */
    static final class Writer extends Thread {

        final List<Answer> answers = new CopyOnWriteArrayList<>();
        private final IntFunction<Response> write;
        private final IntFunction<String> idOf;
        private volatile boolean restarted;
        private volatile boolean stopped;

        Writer(String name, IntFunction<String> idOf, IntFunction<Response> write) {
            super(name);
            this.idOf = idOf;
            this.write = write;
        }

        @Override
        public void run() {
            for (int n = 0; !stopped; n++) {
                long started = System.nanoTime();
                Phase phase = n == 0 ? Phase.WARM_UP : restarted ? Phase.AFTER_RESTART : Phase.BEFORE_RESTART;
                try {
                    Response response = write.apply(n);
                    answers.add(new Answer(idOf.apply(n), response.statusCode(), response.contentType(),
                            response.asString(), elapsedMillis(started), phase));
                } catch (RuntimeException noAnswer) {
                    answers.add(new Answer(idOf.apply(n), 0, null, noAnswer.toString(), elapsedMillis(started),
                            phase));
                }
                pace();
            }
        }

        long acknowledged(Phase phase) {
            return answers.stream().filter(a -> a.acknowledged() && a.phase() == phase).count();
        }

        List<Answer> acknowledgedAnswers() {
            return answers.stream().filter(Answer::acknowledged).toList();
        }

        private static long elapsedMillis(long started) {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        }

        private static void pace() {
            try {
                Thread.sleep(PACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesARedisRestartAndRefusalsAreQuick503Problems() throws Exception {
        String admin = SuiteTokens.platformAdmin();
        String tenant = "redis-restart-" + Long.toString(System.nanoTime(), 36);
        SuiteTenants.register(admin, tenant);
        String token = SuiteTokens.newTenantClient(admin, tenant, "tenant-admin");
        List<Writer> configWriters = List.of(configWriter(token, tenant, "a"), configWriter(token, tenant, "b"));
        Writer alertWriter = alertWriter(token, tenant);
        List<Writer> writers = new ArrayList<>(configWriters);
        writers.add(alertWriter);
        writers.forEach(Thread::start);
        try {
            await().atMost(RECOVERY_BOUND).until(() -> writers.stream()
                    .allMatch(w -> w.acknowledged(Phase.BEFORE_RESTART) >= WRITES_BEFORE_RESTART));
            SuiteScript.restart("redis");
            writers.forEach(w -> w.restarted = true);
            // the services find Redis again by themselves: writes are taken again without restarting them
            await().atMost(RECOVERY_BOUND).until(() -> writers.stream()
                    .allMatch(w -> w.acknowledged(Phase.AFTER_RESTART) >= WRITES_AFTER_RESTART));
        } finally {
            writers.forEach(w -> w.stopped = true);
            for (Writer writer : writers) {
                writer.join(SOCKET_TIMEOUT_MS * 2L);
            }
        }
        for (SuiteService service : List.of(CONFIG, ALERTS)) {
            await().atMost(RECOVERY_BOUND).untilAsserted(() -> given().baseUri(service.managementUrl())
                    .get("/q/health").then().statusCode(200).body("status", equalTo("UP")));
        }

        List<Answer> all = writers.stream().flatMap(w -> w.answers.stream()).toList();
        List<Answer> refused = all.stream().filter(a -> !a.acknowledged()).toList();
        List<Answer> configAcknowledged = configWriters.stream().flatMap(w -> w.acknowledgedAnswers().stream())
                .toList();
        List<Answer> alertsAcknowledged = alertWriter.acknowledgedAnswers();
        Set<String> configMissing = missingConfigValues(token, tenant, configAcknowledged);
        Set<String> alertsMissing = missingAlerts(token, tenant, alertsAcknowledged);
        long configRefused = configWriters.stream().mapToLong(w -> w.answers.size()).sum() - configAcknowledged.size();
        long configAudited = auditedConfigWrites(admin, tenant, configAcknowledged.size());
        System.out.printf("[RedisRestartIT] writes %d: acknowledged %d config + %d alerts, refused %d (%s); "
                + "read back %d config + %d alerts; config.put audited %d; slowest answer after warm-up %d ms%n", all.size(),
                configAcknowledged.size(), alertsAcknowledged.size(), refused.size(), refusalSummary(refused),
                configAcknowledged.size() - configMissing.size(), alertsAcknowledged.size() - alertsMissing.size(),
                configAudited, all.stream().filter(a -> a.phase() != Phase.WARM_UP).mapToLong(Answer::millis).max()
                        .orElse(0));

        assertTrue(configMissing.isEmpty(), "acknowledged config writes lost or changed: " + configMissing);
        assertTrue(alertsMissing.isEmpty(), "acknowledged alerts lost: " + alertsMissing);
        List<Answer> slow = all.stream().filter(a -> a.phase() != Phase.WARM_UP && a.millis() > ANSWER_BOUND.toMillis())
                .toList();
        assertTrue(slow.isEmpty(), slow.size() + " answers took longer than " + ANSWER_BOUND + ": " + slow);
        List<Answer> badRefusals = refused.stream().filter(a -> !isUnavailableProblem(a)).toList();
        assertTrue(badRefusals.isEmpty(), "refusals that are not a problem+json 503: " + badRefusals);
        // security-service stores each audit event once (by its id): one entry per acknowledged write, no more
        assertEquals(configAcknowledged.size(), configAudited, "successful config.put entries in the audit trail");
        // every refusal audited too, with the status the client was answered (not an unexplained 500)
        assertEquals(Map.of(503, configRefused), failedConfigPutsByStatus(admin, tenant),
                "failed config.put entries in the audit trail, by the status recorded");
    }

    private static Writer configWriter(String token, String tenant, String name) {
        IntFunction<String> key = n -> "restart." + name + "-" + n;
        return new Writer("config-writer-" + name, key, n -> client(CONFIG, token).contentType(ContentType.JSON)
                .body(Map.of("value", valueOf(key.apply(n))))
                .put("/v1/tenants/{t}/config/keys/{key}", tenant, key.apply(n)));
    }

    private static Writer alertWriter(String token, String tenant) {
        IntFunction<String> probe = n -> "probe-" + n;
        return new Writer("alert-writer", probe, n -> client(ALERTS, token).contentType(ContentType.JSON)
                .body(Map.of("name", "redis.restart.probe", "labels", Map.of("probe", probe.apply(n)),
                        "data", Map.of("value", n)))
                .post("/v1/tenants/{t}/alerts", tenant));
    }

    private static String valueOf(String key) {
        return "value of " + key;
    }

    private static RequestSpecification client(SuiteService service, String token) {
        // a service that hangs must show up as a slow answer, not hang the test
        RestAssuredConfig config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", 5_000).setParam("http.socket.timeout", SOCKET_TIMEOUT_MS));
        return given().config(config).baseUri(service.baseUrl()).auth().oauth2(token);
    }

    /** The keys whose acknowledged value is not what the merged view reads now. */
    private static Set<String> missingConfigValues(String token, String tenant, List<Answer> acknowledged) {
        JsonPath view = client(CONFIG, token).get("/v1/tenants/{t}/config", tenant).then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> entries = view.getMap("entries");
        Set<String> missing = new HashSet<>();
        for (Answer answer : acknowledged) {
            Map<String, Object> entry = entries.get(answer.id());
            if (entry == null || !valueOf(answer.id()).equals(entry.get("value"))) {
                missing.add(answer.id());
            }
        }
        return missing;
    }

    /** The acknowledged alerts (by the fingerprint their 201 named) that the tenant's alert list does not hold. */
    private static Set<String> missingAlerts(String token, String tenant, List<Answer> acknowledged) {
        Set<String> listed = new HashSet<>();
        String cursor = null;
        do {
            RequestSpecification request = client(ALERTS, token).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/tenants/{t}/alerts", tenant).then().statusCode(200).extract()
                    .jsonPath();
            listed.addAll(page.getList("items.fingerprint"));
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        Set<String> missing = new HashSet<>();
        for (Answer answer : acknowledged) {
            String fingerprint = JsonPath.from(answer.body()).getString("fingerprint");
            if (!listed.contains(fingerprint)) {
                missing.add(answer.id() + " (" + fingerprint + ")");
            }
        }
        return missing;
    }

    /** The successful {@code config.put} audit entries, once they stop growing short of {@code expected}. */
    private static long auditedConfigWrites(String admin, String tenant, int expected) {
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> successfulConfigPuts(admin, tenant) >= expected);
        } catch (org.awaitility.core.ConditionTimeoutException stillShort) {
            // reported and asserted by the caller with the count reached
        }
        return successfulConfigPuts(admin, tenant);
    }

    private static long successfulConfigPuts(String admin, String tenant) {
        return configPuts(admin, tenant, "success").count();
    }

    private static Map<Integer, Long> failedConfigPutsByStatus(String admin, String tenant) {
        return configPuts(admin, tenant, "failure").collect(Collectors.groupingBy(
                entry -> ((Number) ((Map<?, ?>) entry.get("details")).get("status")).intValue(), TreeMap::new,
                Collectors.counting()));
    }

    private static Stream<Map<String, Object>> configPuts(String admin, String tenant, String outcome) {
        return SuiteAudit.entries(SuiteTokens.SECURITY.baseUrl(), admin, tenant, "config.put").stream()
                .filter(entry -> outcome.equals(entry.get("outcome")));
    }

    /** DESIGN: a dependency that is temporarily down is a 503, as an RFC 9457 problem of the service. */
    private static boolean isUnavailableProblem(Answer answer) {
        if (answer.status() != 503 || answer.contentType() == null
                || !answer.contentType().startsWith("application/problem+json")) {
            return false;
        }
        JsonPath problem = JsonPath.from(answer.body());
        return problem.getInt("status") == 503
                && problem.getString("type").startsWith("urn:tenancycore:problem:");
    }

    private static String refusalSummary(List<Answer> refused) {
        Map<String, Long> byStatus = new TreeMap<>();
        refused.forEach(a -> byStatus.merge(a.status() + " " + a.contentType(), 1L, Long::sum));
        return byStatus.toString();
    }
}
