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
                .put("/v1/tenants/" + tenant + "/config/keys/" + key).then().statusCode(200);
    }

    static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
