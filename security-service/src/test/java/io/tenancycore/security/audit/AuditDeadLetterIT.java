package io.tenancycore.security.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.commons.audit.AuditLog;
import io.tenancycore.commons.audit.AuditRecord.Outcome;
import io.tenancycore.commons.audit.AuditRecord;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testsupport.Infra;
import io.tenancycore.commons.testsupport.RealBroker;
import io.tenancycore.security.support.TestTokens;
import io.tenancycore.commons.testsupport.TopicTail;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The audit store's channel over the real broker: a record it can never read is parked on {@code tenancy.audit.dlq}
 * (not lost, not retried forever) and the records behind it on the same partition are stored.
 */
@QuarkusTest
@TestProfile(RealBroker.class)
class AuditDeadLetterIT {

    @Inject
    ObjectMapper mapper;

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicAndTheNextRecordIsStored() throws Exception {
        String tenant = TestTokens.uniqueTenant("dlq");
        String auditor = TestTokens.tenantToken(tenant, List.of("auditor"));
        try (TopicTail deadLetters = new TopicTail(Topics.AUDIT_DLQ)) {
            CloudEvent unreadable = event(tenant, "{not json".getBytes(StandardCharsets.UTF_8));
            Infra.send(Topics.AUDIT, tenant, unreadable);
            Infra.send(new ProducerRecord<>(Topics.AUDIT, tenant, "no CloudEvent".getBytes(StandardCharsets.UTF_8)));
            // same key, same partition: behind the two poison records
            AuditRecord valid = new AuditRecord("erin", tenant, "config.update", "config/db.pool", Outcome.SUCCESS,
                    "10.0.0.1", null, Instant.now(), Map.of());
            Infra.send(Topics.AUDIT, tenant, event(tenant, mapper.writeValueAsBytes(valid)));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(auditor)
                    .get("/v1/tenants/" + tenant + "/audit?actor=erin").then().statusCode(200)
                    .body("items.size()", equalTo(1)));
            ConsumerRecord<String, byte[]> parked = deadLetters.await(record -> tenant.equals(record.key()));
            assertEquals("{not json", new String(parked.value(), StandardCharsets.UTF_8));
            assertTrue(header(parked, "dead-letter-reason").contains("unreadable audit event"),
                    "the reason travels with the parked record");
            ConsumerRecord<String, byte[]> notAnEvent = deadLetters.await(record -> tenant.equals(record.key()));
            assertEquals("no CloudEvent", new String(notAnEvent.value(), StandardCharsets.UTF_8));
        }
    }

    private static CloudEvent event(String tenant, byte[] data) {
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create("/tenancy/audit-dlq-it")).withType(AuditLog.EVENT_TYPE)
                .withExtension(CloudEvents.TENANT_EXTENSION, tenant)
                .withData(CloudEvents.JSON, data).build();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
