package io.tenancycore.commons.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.commons.audit.AuditRecord.Outcome;
import io.tenancycore.commons.events.EventPublisher;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testsupport.Infra;
import io.tenancycore.commons.testsupport.TopicTail;
import io.tenancycore.commons.wiring.InfraTestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(InfraTestProfile.class)
class AuditLogIT {

    @Inject
    EventPublisher publisher;

    @BeforeAll
    static void start() {
        Infra.ensureTopics(List.of(Topics.AUDIT), 3);
    }

    @Test
    void recordIsPublishedOnTheAuditTopicWithAllFields() throws Exception {
        String actor = "client-" + UUID.randomUUID();
        Instant time = Instant.parse("2026-01-02T03:04:05Z");
        AuditRecord record = new AuditRecord(actor, "acme", "keys.rotate", "keys/payments", Outcome.DENIED,
                "10.1.2.3", "0af7651916cd43dd8448eb211c80319c", time, Map.of("reason", "missing keys:rotate"));

        try (TopicTail tail = new TopicTail(Topics.AUDIT)) {
            new AuditLog(publisher, true).record(record).await().atMost(Infra.TIMEOUT);
            ConsumerRecord<String, byte[]> published = tail.await(r -> new String(r.value(), StandardCharsets.UTF_8)
                    .contains(actor));

            assertEquals("acme", published.key());
            assertEquals(AuditLog.EVENT_TYPE, header(published, "ce_type"));
            assertEquals("acme", header(published, "ce_tenantid"));
            assertEquals("keys/payments", header(published, "ce_subject"));
            JsonNode body = Infra.mapper().readTree(published.value());
            assertEquals(actor, body.get("actor").asText());
            assertEquals("acme", body.get("tenantId").asText());
            assertEquals("keys.rotate", body.get("action").asText());
            assertEquals("keys/payments", body.get("resource").asText());
            assertEquals("denied", body.get("outcome").asText());
            assertEquals("10.1.2.3", body.get("sourceIp").asText());
            assertEquals("0af7651916cd43dd8448eb211c80319c", body.get("traceId").asText());
            assertEquals("2026-01-02T03:04:05Z", body.get("time").asText());
            assertEquals("missing keys:rotate", body.get("details").get("reason").asText());
            assertEquals(record, Infra.mapper().readValue(published.value(), AuditRecord.class),
                    "the audit store can read the record back");
        }
    }

    @Test
    void disabledAuditPublishesNothing() {
        String actor = "disabled-" + UUID.randomUUID();
        try (TopicTail tail = new TopicTail(Topics.AUDIT)) {
            new AuditLog(publisher, false).record(AuditRecord.of(actor, "acme", "x", "y", Outcome.SUCCESS))
                    .await().atMost(Infra.TIMEOUT);
            tail.assertNone(r -> new String(r.value(), StandardCharsets.UTF_8).contains(actor), Duration.ofSeconds(2));
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
