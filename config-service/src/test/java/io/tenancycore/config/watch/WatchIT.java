package io.tenancycore.config.watch;

import static io.tenancycore.config.testing.Fixtures.admin;
import static io.tenancycore.config.testing.Fixtures.uniqueTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.commons.testsupport.RealBroker;
import io.tenancycore.commons.testsupport.TopicTail;
import io.tenancycore.config.testing.FakeSecurityService;
import io.tenancycore.config.testing.Replica;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RealBroker.class)
@QuarkusTestResource(value = FakeSecurityService.class, restrictToAnnotatedClass = false)
class WatchIT {

    @Inject
    ConfigChangeListener listener;
    @ConfigProperty(name = "quarkus.rest-client.security-service.url")
    String securityUrl;

    @Test
    void longPollAnswersAtOnceWhenChangesExistAndAfterWaitWhenNone() {
        String tenant = uniqueTenant("poll");
        put(RestAssured.given(), tenant, "a.b", "1");
        admin(tenant).get("/v1/tenants/" + tenant + "/config/watch?since=0&wait=10s").then().statusCode(200)
                .body("revision", equalTo(1)).body("changes", hasSize(1))
                .body("changes[0].changes[0].key", equalTo("a.b"));
        long started = System.nanoTime();
        admin(tenant).get("/v1/tenants/" + tenant + "/config/watch?since=1&wait=300ms").then().statusCode(200)
                .body("revision", equalTo(1)).body("changes", hasSize(0));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 250);
        admin(tenant).get("/v1/tenants/" + tenant + "/config/watch?wait=1s").then().statusCode(400);
        admin(tenant).get("/v1/tenants/" + tenant + "/config/watch?since=0&wait=soon").then().statusCode(400);
    }

    @Test
    void aWatcherWakesWithinASecondOfAChangeMadeThroughAnotherReplicaAndAnEventGoesOut() throws Exception {
        assertTrue(listener.awaitReady(Duration.ofSeconds(30)), "this replica listens to config changes");
        Replica replicaB = Replica.shared(securityUrl);
        String tenant = uniqueTenant("wake");
        put(RestAssured.given(), tenant, "warmup.key", "0");
        // warm replica B up (JIT, connections) so the measurement is about the wake-up, not a cold start
        put(RestAssured.given().baseUri(replicaB.baseUrl()).port(-1), uniqueTenant("warm"), "warm.key", "1");

        java.util.concurrent.atomic.AtomicLong wokeAt = new java.util.concurrent.atomic.AtomicLong();
        CompletableFuture<Response> watch = CompletableFuture.supplyAsync(() -> {
            Response response = admin(tenant).get("/v1/tenants/" + tenant + "/config/watch?since=1&wait=20s");
            wokeAt.set(System.nanoTime());
            return response;
        });
        // let the long-poll register before the change (a change before it would just be answered at once)
        Thread.sleep(300);
        assertTrue(!watch.isDone(), "the watcher is blocked while nothing changed");
        try (TopicTail tail = new TopicTail(Topics.CONFIG_CHANGES)) {
            long changeSentAt = System.nanoTime();
            put(RestAssured.given().baseUri(replicaB.baseUrl()).port(-1), tenant, "feature.enabled", "true");
            Response answer = watch.get(10, TimeUnit.SECONDS);
            long wokeAfterMs = Duration.ofNanos(wokeAt.get() - changeSentAt).toMillis();
            answer.then().statusCode(200).body("revision", equalTo(2))
                    .body("changes[0].changes[0].key", equalTo("feature.enabled"));
            assertTrue(wokeAfterMs < 1000, "woke after " + wokeAfterMs + " ms");
            var event = tail.await(record -> tenant.equals(record.key())
                    && "io.tenancycore.config.changed".equals(header(record, "ce_type")));
            String data = new String(event.value(), StandardCharsets.UTF_8);
            assertTrue(data.contains("\"revision\":2") && data.contains("\"layer\":\"tenant\"")
                    && data.contains("feature.enabled") && data.contains("\"tenant_id\":\"" + tenant + "\""), data);
        }
    }

    @Test
    void theStreamSendsEveryRevisionAsAServerSentEvent() throws Exception {
        String tenant = uniqueTenant("sse");
        put(RestAssured.given(), tenant, "s.one", "1");
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/v1/tenants/" + tenant + "/config/watch/stream?since=0"))
                .header("Authorization", TestTokens.bearer(TestTokens.tenantAdmin(tenant)))
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String first = nextData(reader);
            assertTrue(first.contains("\"revision\":1") && first.contains("s.one"), first);
            put(RestAssured.given(), tenant, "s.two", "2");
            String second = nextData(reader);
            assertTrue(second.contains("\"revision\":2") && second.contains("s.two"), second);
        }
    }

    @Test
    void aGlobalOrEnvironmentChangeWakesEveryTenantsWatchAndChangesTheViewsETag() throws Exception {
        String tenant = uniqueTenant("pwake");
        String ns = "pw" + tenant.substring(tenant.length() - 8).replace("-", "");
        put(RestAssured.given(), tenant, ns + ".own", "1");
        String before = admin(tenant).queryParam("env", "prod").get("/v1/tenants/" + tenant + "/config")
                .then().statusCode(200).extract().header("ETag");
        CompletableFuture<Response> watch = CompletableFuture.supplyAsync(() -> admin(tenant)
                .queryParam("since", before.replace("\"", "")).queryParam("env", "prod").queryParam("wait", "20s")
                .get("/v1/tenants/" + tenant + "/config/watch"));
        Thread.sleep(300);
        assertTrue(!watch.isDone(), "the watcher is blocked while nothing changed");
        io.tenancycore.config.testing.Fixtures.platform().contentType("application/json").body("{\"value\": 7}")
                .put("/v1/config/environments/prod/keys/" + ns + ".inherited").then().statusCode(201);
        Response answer = watch.get(10, TimeUnit.SECONDS);
        answer.then().statusCode(200)
                .body("changes[0].scope", equalTo("platform"))
                .body("changes[0].changes[0].key", equalTo(ns + ".inherited"))
                .body("changes[0].changes[0].layer", equalTo("environment@prod"));
        String after = admin(tenant).queryParam("env", "prod").get("/v1/tenants/" + tenant + "/config")
                .then().statusCode(200).body("entries.'" + ns + ".inherited'.value", equalTo(7))
                .extract().header("ETag");
        assertTrue(!before.equals(after), "the view's ETag moves with the platform layers: " + before + " " + after);
        assertEquals("\"" + answer.jsonPath().getString("cursor") + "\"", after,
                "the watch's cursor is the new view's ETag");
        admin(tenant).queryParam("env", "prod").header("If-None-Match", before)
                .get("/v1/tenants/" + tenant + "/config").then().statusCode(200);
        admin(tenant).queryParam("env", "prod").header("If-None-Match", after)
                .get("/v1/tenants/" + tenant + "/config").then().statusCode(304);
    }

    @Test
    void aWatchNarrowedToAPrefixOrKeySleepsThroughOtherKeys() throws Exception {
        String tenant = uniqueTenant("narrow");
        put(RestAssured.given(), tenant, "mail.from", "\"a@b.c\"");
        CompletableFuture<Response> watch = CompletableFuture.supplyAsync(() -> admin(tenant)
                .get("/v1/tenants/" + tenant + "/config/watch?since=1&prefix=mail.&wait=20s"));
        CompletableFuture<Response> keyWatch = CompletableFuture.supplyAsync(() -> admin(tenant)
                .get("/v1/tenants/" + tenant + "/config/watch?since=1&key=mail.host&wait=20s"));
        Thread.sleep(300);
        put(RestAssured.given(), tenant, "other.key", "1");
        Thread.sleep(500);
        assertTrue(!watch.isDone() && !keyWatch.isDone(), "a change outside the prefix does not answer the watch");
        put(RestAssured.given(), tenant, "mail.host", "\"smtp.example.com\"");
        watch.get(10, TimeUnit.SECONDS).then().statusCode(200).body("changes", hasSize(1))
                .body("changes[0].revision", equalTo(3)).body("changes[0].changes[0].key", equalTo("mail.host"))
                .body("revision", equalTo(3));
        keyWatch.get(10, TimeUnit.SECONDS).then().statusCode(200).body("changes", hasSize(1))
                .body("changes[0].changes[0].key", equalTo("mail.host"));
        admin(tenant).get("/v1/tenants/" + tenant + "/config/watch?since=1&key=bad..key&wait=1s").then()
                .statusCode(400);
    }

    @Test
    void streamEventsCarryIdsAndLastEventIdResumesAfterThem() throws Exception {
        String tenant = uniqueTenant("resume");
        put(RestAssured.given(), tenant, "r.one", "1");
        String id;
        try (BufferedReader reader = open(tenant, "since=0", null)) {
            String[] first = nextEvent(reader);
            assertTrue(first[1].contains("\"revision\":1") && first[1].contains("r.one"), first[1]);
            id = first[0];
            assertTrue(id != null && id.startsWith("1."), "the event names its cursor: " + id);
        }
        put(RestAssured.given(), tenant, "r.two", "2");
        try (BufferedReader reader = open(tenant, "since=0", id)) {
            String[] resumed = nextEvent(reader);
            assertTrue(resumed[1].contains("\"revision\":2") && resumed[1].contains("r.two"),
                    "resumes after the last event seen, not from since: " + resumed[1]);
            assertTrue(resumed[0].startsWith("2."), resumed[0]);
        }
    }

    private static BufferedReader open(String tenant, String query, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/v1/tenants/" + tenant + "/config/watch/stream?" + query))
                .header("Authorization", TestTokens.bearer(TestTokens.tenantAdmin(tenant)))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    /** The next event's id and data. */
    private static String[] nextEvent(BufferedReader reader) throws Exception {
        CompletableFuture<String[]> event = CompletableFuture.supplyAsync(() -> {
            try {
                String id = null;
                String next;
                while ((next = reader.readLine()) != null) {
                    if (next.startsWith("id:")) {
                        id = next.substring(3).trim();
                    } else if (next.startsWith("data:")) {
                        return new String[] { id, next.substring(5) };
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return event.get(10, TimeUnit.SECONDS);
    }

    private static String nextData(BufferedReader reader) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                String next;
                while ((next = reader.readLine()) != null) {
                    if (next.startsWith("data:")) {
                        return next.substring(5);
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return line.get(10, TimeUnit.SECONDS);
    }

    static void put(io.restassured.specification.RequestSpecification request, String tenant, String key,
            String json) {
        request.header("Authorization", TestTokens.bearer(TestTokens.tenantAdmin(tenant)))
                .contentType("application/json").body("{\"value\": " + json + "}")
                .put("/v1/tenants/" + tenant + "/config/keys/" + key).then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
    }

    static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
