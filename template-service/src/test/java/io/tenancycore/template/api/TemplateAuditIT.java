package io.tenancycore.template.api;

import static io.restassured.RestAssured.given;
import static io.tenancycore.commons.testing.TestTokens.bearer;
import static io.tenancycore.commons.testing.TestTokens.tenantAdmin;
import static io.tenancycore.commons.testing.TestTokens.tenantUser;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testsupport.RealBroker;
import io.tenancycore.commons.testsupport.TopicTail;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the running service writes to the real Kafka: audit records of mutations and denials, change events. */
@QuarkusTest
@TestProfile(RealBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateAuditIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final TestTenants tenants = new TestTenants();

    @Inject
    RedisDataSource redis;

    @AfterAll
    void cleanUp() {
        tenants.cleanUp(redis);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return MAPPER.readTree(record.value());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void savingATemplateIsAuditedAndAnnouncedToEveryReplica() {
        String tenant = tenants.fresh("audit");
        try (TopicTail audit = new TopicTail(Topics.AUDIT); TopicTail changes = new TopicTail(Topics.CONFIG_CHANGES)) {
            given().header("Authorization", bearer(tenantAdmin(tenant))).contentType(ContentType.JSON)
                    .body(Map.of("locales", Map.of("en", Map.of("body", "hi"))))
                    .put("/v1/tenants/{t}/templates/{n}", tenant, "audited").then().statusCode(201);

            ConsumerRecord<String, byte[]> record = audit.await(r -> tenant.equals(r.key())
                    && "template.update".equals(json(r).path("action").asText()));
            assertEquals("io.tenancycore.audit.recorded", header(record, "ce_type"));
            JsonNode body = json(record);
            assertEquals("admin@" + tenant, body.path("actor").asText());
            assertEquals("success", body.path("outcome").asText());
            assertEquals("template", body.path("resource").asText());

            // every replica's tiered cache drops the tenant's cached override of that template
            ConsumerRecord<String, byte[]> change = changes.await(r -> tenant.equals(r.key()));
            assertEquals("io.tenancycore.cache.invalidated", header(change, "ce_type"));
            assertEquals(tenant, header(change, "ce_tenantid"));
            assertEquals("template-overrides", json(change).path("cache").asText());
            assertEquals("template:{" + tenant + "}:cache:override:audited", json(change).path("key").asText());
        }
    }

    @Test
    void crossTenantAttemptsAreAuditedAsDenied() {
        String victim = tenants.fresh("victim");
        String intruder = tenants.fresh("intruder");
        try (TopicTail audit = new TopicTail(Topics.AUDIT)) {
            given().header("Authorization", bearer(tenantUser(intruder))).contentType(ContentType.JSON)
                    .body(Map.of("locale", "en"))
                    .post("/v1/tenants/{t}/templates/welcome_email/render", victim).then().statusCode(403);
            JsonNode body = json(audit.await(r -> victim.equals(r.key())));
            assertEquals("denied", body.path("outcome").asText());
            assertEquals("user@" + intruder, body.path("actor").asText());
        }
    }
}
