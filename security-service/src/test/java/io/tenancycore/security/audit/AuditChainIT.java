package io.tenancycore.security.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudevents.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.tenancycore.commons.audit.AuditLog;
import io.tenancycore.commons.audit.AuditRecord;
import io.tenancycore.commons.events.CloudEventPublisher;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.security.support.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Audit records travel through the real Kafka into the tenant's hash chain; tampering is found. */
@QuarkusTest
class AuditChainIT {

    @Inject
    CloudEventPublisher publisher;
    @Inject
    AuditChainStore store;

    @Test
    void recordsFromKafkaAreChainedOnceAndAnEditIsDetected() throws Exception {
        String tenant = TestTokens.uniqueTenant("aud");
        String auditor = TestTokens.tenantToken(tenant, List.of("auditor"));
        CloudEvent first = null;
        for (int i = 0; i < 3; i++) {
            AuditRecord record = new AuditRecord("alice", tenant, "config.update", "config/db.pool",
                    i == 2 ? AuditRecord.Outcome.DENIED : AuditRecord.Outcome.SUCCESS, "10.0.0.1", null,
                    Instant.now(), Map.of("n", i));
            CloudEvent event = publisher.newEvent(tenant, AuditLog.EVENT_TYPE, "config", record);
            if (first == null) {
                first = event;
            }
            publisher.publish(Topics.AUDIT, tenant, event, null).await().atMost(Duration.ofSeconds(10));
        }
        // redelivery of the same event id
        publisher.publish(Topics.AUDIT, tenant, first, null).await().atMost(Duration.ofSeconds(10));

        // the client creation of TestTokens was audited by security-service itself, through Kafka as well
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(auditor)
                .get("/v1/tenants/" + tenant + "/audit?actor=alice").then().statusCode(200)
                .body("entries.size()", equalTo(3)));
        given().auth().oauth2(auditor).get("/v1/tenants/" + tenant + "/audit?actor=alice&outcome=denied")
                .then().statusCode(200).body("entries.size()", equalTo(1)).body("entries[0].details.n", equalTo(2));
        given().auth().oauth2(auditor).get("/v1/tenants/" + tenant + "/audit?actor=alice&limit=2")
                .then().statusCode(200).body("entries.size()", equalTo(2));
        given().auth().oauth2(auditor).get("/v1/tenants/" + tenant + "/audit/verify")
                .then().statusCode(200).body("valid", equalTo(true));

        long length = store.length(tenant).await().atMost(Duration.ofSeconds(5));
        AuditEntry victim = store.range(tenant, length - 1, length - 1).await().atMost(Duration.ofSeconds(5)).get(0);
        AuditEntry edited = new AuditEntry(victim.seq(), victim.eventId(), victim.time(), "mallory", victim.tenantId(),
                victim.action(), victim.resource(), victim.outcome(), victim.sourceIp(), victim.traceId(),
                victim.details(), victim.prevHash(), victim.hash());
        store.overwrite(tenant, edited).await().atMost(Duration.ofSeconds(5));

        int broken = given().auth().oauth2(auditor).get("/v1/tenants/" + tenant + "/audit/verify")
                .then().statusCode(200).body("valid", equalTo(false))
                .extract().path("first_broken_seq");
        assertEquals(victim.seq(), broken);
        given().auth().oauth2(auditor).get("/v1/tenants/" + tenant + "/audit?from=yesterday").then().statusCode(400);
        given().auth().oauth2(auditor).post("/v1/tenants/" + tenant + "/keys/x/rotate").then().statusCode(403);
    }
}
