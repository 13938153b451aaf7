package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The gateway's publish API while the Kafka broker restarts: every event answered 202 is on its topic afterwards.
 * A client that gets a 503 during the outage publishes the same event again (same id), as the API tells it to.
 */
class EventsThroughBrokerRestartIT {

    private static final SuiteService GATEWAY = SuiteService.named("event-gateway");
    private static final int EVENTS = 150;
    private static final String TOPIC = "tenancy.events.normal";

    @Test
    void noAcceptedEventIsLostWhenTheBrokerRestartsDuringPublishing() throws Exception {
        String admin = SuiteTokens.platformAdmin();
        String tenant = "restart-" + Long.toString(System.nanoTime(), 36);
        SuiteTenants.register(admin, tenant);
        String token = SuiteTokens.newTenantClient(admin, tenant, "tenant-admin");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();

        Thread publisher = new Thread(() -> {
            for (int i = 0; i < EVENTS; i++) {
                publishUntilAccepted(token, tenant, run + "-" + i, accepted, refused);
            }
        });
        publisher.start();
        while (accepted.size() < EVENTS / 5 && publisher.isAlive()) {
            Thread.sleep(50);
        }
        restartKafka();
        publisher.join(TimeUnit.MINUTES.toMillis(3));
        assertEquals(EVENTS, accepted.size(), "events accepted; refusals on the way: " + refused.get());

        Map<String, Integer> onTopic = idsOnTopic(tenant);
        Set<String> missing = new HashSet<>(accepted);
        missing.removeAll(onTopic.keySet());
        assertTrue(missing.isEmpty(), missing.size() + " accepted events are not on " + TOPIC + ": " + missing);
    }

    private static void publishUntilAccepted(String token, String tenant, String id, Set<String> accepted,
            AtomicInteger refused) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Response response = given().baseUri(GATEWAY.baseUrl()).auth().oauth2(token)
                    .header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/system-tests")
                    .header("ce-type", "order.created").contentType("application/json").body("{\"id\":\"" + id + "\"}")
                    .post("/api/events/v1/tenants/{t}/events", tenant);
            if (response.statusCode() == 202) {
                accepted.add(id);
                return;
            }
            refused.incrementAndGet();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void restartKafka() {
        SuiteScript.run(Duration.ofSeconds(150), "restart", "kafka");
    }

    /** Every event id of the tenant on the topic, with how often it is there. */
    private static Map<String, Integer> idsOnTopic(String tenant) {
        Map<String, Integer> ids = new HashMap<>();
        for (Map<String, String> headers : SuiteTopics.headersOfRecordsKeyed(TOPIC, tenant)) {
            String id = headers.get("ce_id");
            if (id != null) {
                ids.merge(id, 1, Integer::sum);
            }
        }
        return ids;
    }
}
