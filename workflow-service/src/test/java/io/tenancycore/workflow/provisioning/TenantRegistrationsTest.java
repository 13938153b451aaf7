package io.tenancycore.workflow.provisioning;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.TenantEvents;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.workflow.testing.Docs;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/** A tenant.registered event starts tenant_provisioning once, however often it is delivered. */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(FakePlatformProfile.class)
class TenantRegistrationsTest {

    @Inject
    @Any
    InMemoryConnector connector;

    private static Message<byte[]> registered(String eventId, String tenant, String document) {
        var metadata = OutgoingCloudEventMetadata.<byte[]>builder().withId(eventId)
                .withSource(URI.create("/tenancy/config-service")).withType(TenantEvents.REGISTERED)
                .withExtension(CloudEvents.TENANT_EXTENSION, tenant).build();
        return Message.of(document.getBytes(StandardCharsets.UTF_8), Metadata.of(metadata));
    }

    private static List<String> instances(String tenant) {
        return io.restassured.RestAssured.given().auth().oauth2(TestTokens.tenantAdmin(tenant))
                .get("/v1/tenants/" + tenant + "/workflows/instances?definition=tenant_provisioning")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
    }

    @Test
    void aRegistrationIsProvisionedOnce() {
        String tenant = Docs.tenant();
        FakePlatformProfile.PLATFORM.register(tenant, "admin@acme.com");
        String eventId = UUID.randomUUID().toString();
        String document = "{\"tenant_id\":\"" + tenant + "\",\"name\":\"ACME Corporation\",\"email\":\"admin@acme.com\"}";
        var source = connector.source(TenantRegistrations.CHANNEL);
        source.send(registered(eventId, tenant, document));
        source.send(registered(eventId, tenant, document)); // redelivered
        await().atMost(Duration.ofSeconds(20)).until(() -> instances(tenant).size() == 1);
        String id = instances(tenant).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> "completed".equals(io.restassured.RestAssured.given()
                .auth().oauth2(TestTokens.tenantAdmin(tenant)).get("/v1/tenants/" + tenant + "/workflows/instances/"
                        + id).then().extract().path("status")));
        JsonPath done = io.restassured.RestAssured.given().auth().oauth2(TestTokens.tenantAdmin(tenant))
                .get("/v1/tenants/" + tenant + "/workflows/instances/" + id).then().extract().jsonPath();
        assertEquals("provisioned", done.getString("output.status"));
        assertEquals("ACME Corporation", done.getString("input.tenant_config.name"));
        assertEquals(1, instances(tenant).size());
    }
}
