package io.tenancycore.gateway.stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.commons.events.ChannelReadiness;
import io.tenancycore.commons.events.EventPublisher;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.events.TenantEvents;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.commons.testsupport.Infra;
import io.tenancycore.gateway.testing.GatewayProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live stream over the real broker: what a tenant sees, what it never sees, and when a stream ends. */
@QuarkusTest
@TestProfile(GatewayProfile.class)
class LiveStreamIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;
    @Inject
    ChannelReadiness readiness;
    @Inject
    EventPublisher publisher;

    private static String tenant() {
        return "acme" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @BeforeEach
    void feedIsAssigned() throws InterruptedException {
        // the feed starts at the latest offset: events published before it has its partitions would not be seen
        assertTrue(readiness.awaitAssignment(LiveFeed.CHANNEL, Infra.TIMEOUT));
    }

    /** The lines of one open stream, as they come. */
    private final class Stream implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response;
        volatile java.util.stream.Stream<String> body;

        Stream(String tenant, String token, String filter) {
            String query = filter == null ? "" : "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/events/v1/tenants/" + tenant + "/stream"
                    + query)).header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
            response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            response.thenAccept(answer -> {
                body = answer.body();
                Thread reader = new Thread(() -> {
                    try {
                        body.forEach(lines::add);
                    } catch (RuntimeException closed) {
                        // the test closed the stream
                    }
                });
                reader.setDaemon(true);
                reader.start();
            });
            // the first comment says the stream is registered with the hub
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertTrue(opened(), "no comment yet: " + lines));
        }

        boolean opened() {
            return lines.stream().anyMatch(line -> line.startsWith(":") && line.contains("heartbeat"));
        }

        List<JsonNode> events() {
            return lines.stream().filter(line -> line.startsWith("data:{")).map(line -> {
                try {
                    return mapper.readTree(line.substring("data:".length()));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).filter(event -> event.has("specversion")).toList();
        }

        List<String> ids() {
            return events().stream().map(event -> event.get("id").asText()).toList();
        }

        @Override
        public void close() {
            response.cancel(true);
            if (body != null) {
                body.close();
            }
        }
    }

    private String publish(String tenant, String type, String priority) {
        String id = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.tenantUser(tenant))
                .header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/orders")
                .header("ce-type", type).header("ce-priority", priority)
                .contentType("application/json").body("{\"order\":42}")
                .post("/api/events/v1/tenants/" + tenant + "/events")
                .then().statusCode(202);
        return id;
    }

    @Test
    void aStreamShowsItsTenantsMatchingEventsAndNothingElse() {
        String tenant = tenant();
        String other = tenant();
        try (Stream orders = new Stream(tenant, TestTokens.tenantUser(tenant), "[{\"prefix\":{\"type\":\"order.\"}}]");
                Stream othersOrders = new Stream(other, TestTokens.tenantUser(other), null)) {
            String foreign = publish(other, "order.created", "normal");
            String created = publish(tenant, "order.created", "high");
            String unmatched = publish(tenant, "invoice.paid", "normal");
            String shipped = publish(tenant, "order.shipped", "low");

            Awaitility.await().atMost(WAIT).until(() -> orders.ids().containsAll(List.of(created, shipped))
                    && othersOrders.ids().contains(foreign));
            // the feed hands an event to every stream at once: once the other tenant's stream had it, so would this
            assertFalse(orders.ids().contains(foreign), "another tenant's event reached the stream");
            assertFalse(orders.ids().contains(unmatched), "an event the filter excludes reached the stream");
            JsonNode first = orders.events().stream().filter(e -> e.get("id").asText().equals(created)).findFirst()
                    .orElseThrow();
            assertEquals("order.created", first.get("type").asText());
            assertEquals(tenant, first.get("tenantid").asText());
            assertEquals(42, first.get("data").get("order").asInt());
        }
    }

    @Test
    void anotherTenantsTokenIsRefused() {
        String tenant = tenant();
        given().auth().oauth2(TestTokens.tenantUser(tenant())).accept("text/event-stream")
                .get("/api/events/v1/tenants/" + tenant + "/stream")
                .then().statusCode(403).contentType(PROBLEM_JSON);
        given().accept("text/event-stream").get("/api/events/v1/tenants/" + tenant + "/stream")
                .then().statusCode(401);
    }

    @Test
    void aFilterThatIsNotJsonOrBreaksTheDialectsIsAProblem() {
        String tenant = tenant();
        given().auth().oauth2(TestTokens.tenantUser(tenant)).accept("text/event-stream")
                .queryParam("filter", "type=order").get("/api/events/v1/tenants/" + tenant + "/stream")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().auth().oauth2(TestTokens.tenantUser(tenant)).accept("text/event-stream")
                .queryParam("filter", "[{\"regex\":{\"type\":\".*\"}}]")
                .get("/api/events/v1/tenants/" + tenant + "/stream")
                .then().statusCode(422).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("filter[0]"));
        given().auth().oauth2(TestTokens.tenantUser(tenant)).accept("text/event-stream")
                .queryParam("filter", "[{\"exact\":{\"type\":\"" + "x".repeat(2100) + "\"}}]")
                .get("/api/events/v1/tenants/" + tenant + "/stream")
                .then().statusCode(400).contentType(PROBLEM_JSON);
    }

    @Test
    void aTenantHoldsAtMostItsNumberOfStreams() {
        String tenant = tenant();
        String token = TestTokens.tenantUser(tenant);
        List<Stream> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < GatewayProfile.STREAMS_PER_TENANT; i++) {
                open.add(new Stream(tenant, token, null));
            }
            given().auth().oauth2(token).accept("text/event-stream")
                    .get("/api/events/v1/tenants/" + tenant + "/stream")
                    .then().statusCode(429).contentType(PROBLEM_JSON).header("Retry-After", equalTo("5"));
            open.remove(0).close();
            // closing a stream frees its place
            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                try (Stream again = new Stream(tenant, token, null)) {
                    assertTrue(again.opened());
                }
            });
        } finally {
            open.forEach(Stream::close);
        }
    }

    @Test
    void aStreamEndsWhenItsTenantIsSuspended() throws Exception {
        String tenant = tenant();
        try (Stream stream = new Stream(tenant, TestTokens.tenantUser(tenant), null)) {
            publisher.publish(Topics.TENANTS, tenant, TenantEvents.SUSPENDED, null, Map.of()).await()
                    .atMost(Infra.TIMEOUT);
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertTrue(
                    stream.lines.stream().anyMatch(line -> line.matches("event: ?end")), stream.lines.toString()));
            String reason = stream.lines.stream().filter(line -> line.contains("reason")).findFirst().orElseThrow();
            assertTrue(reason.contains("tenant suspended"), reason);
            stream.response.get(5, TimeUnit.SECONDS);
        }
    }
}
