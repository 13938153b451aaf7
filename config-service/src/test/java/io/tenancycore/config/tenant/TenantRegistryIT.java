package io.tenancycore.config.tenant;

import static io.tenancycore.config.testing.Fixtures.admin;
import static io.tenancycore.config.testing.Fixtures.platform;
import static io.tenancycore.config.testing.Fixtures.tenantDocument;
import static io.tenancycore.config.testing.Fixtures.uniqueTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testsupport.Concurrently;
import io.tenancycore.commons.testsupport.RealBroker;
import io.tenancycore.commons.testsupport.TopicTail;
import io.tenancycore.config.testing.FakeSecurityService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RealBroker.class)
@QuarkusTestResource(value = FakeSecurityService.class, restrictToAnnotatedClass = false)
class TenantRegistryIT {

    @Test
    void registersAValidTenantAsProvisioningAndAnnouncesIt() {
        String tenant = uniqueTenant("reg");
        try (TopicTail tail = new TopicTail(Topics.TENANTS); TopicTail audit = new TopicTail(Topics.AUDIT)) {
            platform().contentType("application/json").body(tenantDocument(tenant)).post("/v1/tenants")
                    .then().statusCode(201)
                    .header("Location", org.hamcrest.Matchers.endsWith("/v1/tenants/" + tenant))
                    .body("tenant_id", equalTo(tenant)).body("status", equalTo("provisioning"));
            ConsumerRecord<String, byte[]> event = tail.await(record -> tenant.equals(record.key()));
            assertEquals("io.tenancycore.tenant.registered", header(event, "ce_type"));
            assertEquals(tenant, header(event, "ce_tenantid"));
            // the registration is audited under the tenant it created
            ConsumerRecord<String, byte[]> audited = audit.await(record -> new String(record.value(),
                    java.nio.charset.StandardCharsets.UTF_8).contains("\"tenant.register\""));
            String record = new String(audited.value(), java.nio.charset.StandardCharsets.UTF_8);
            org.junit.jupiter.api.Assertions.assertTrue(record.contains("\"" + tenant + "\"")
                    && record.contains("\"success\""), record);
        }
        admin(tenant).get("/v1/tenants/" + tenant).then().statusCode(200).body("plan", equalTo("starter"));
    }

    @Test
    void refusesAnInvalidDocumentListingEveryError() {
        String body = """
                {"tenant_id": "X!", "name": "", "email": "not-an-email", "api_quota_per_hour": 999999999,
                 "storage_quota_gb": 0, "features": ["sso", "teleportation"], "plan": "starter", "extra": 1}""";
        platform().contentType("application/json").body(body).post("/v1/tenants")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("tenant_id", "name", "email", "storage_quota_gb",
                        "features[1]", "extra", "api_quota_per_hour"))
                .body("violations", hasSize(greaterThanOrEqualTo(7)));
    }

    @Test
    void validateEndpointReportsWithoutStoring() {
        String tenant = uniqueTenant("val");
        platform().contentType("application/json").body(tenantDocument(tenant)).post("/v1/tenants/validate")
                .then().statusCode(200).body("valid", equalTo(true));
        platform().contentType("application/json").body("{\"tenant_id\": \"" + tenant + "\"}")
                .post("/v1/tenants/validate")
                .then().statusCode(200).body("valid", equalTo(false))
                .body("violations.field", hasItems("name", "email", "features"));
        platform().get("/v1/tenants/" + tenant).then().statusCode(404);
    }

    @Test
    void duplicateIsAConflict() {
        String tenant = uniqueTenant("dup");
        platform().contentType("application/json").body(tenantDocument(tenant)).post("/v1/tenants")
                .then().statusCode(201);
        platform().contentType("application/json").body(tenantDocument(tenant)).post("/v1/tenants")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void statusMovesThroughTheLifecycleAndEachMoveIsAnnounced() {
        String tenant = uniqueTenant("life");
        platform().contentType("application/json").body(tenantDocument(tenant)).post("/v1/tenants")
                .then().statusCode(201);
        try (TopicTail tail = new TopicTail(Topics.TENANTS)) {
            patch(tenant, "{\"status\": \"active\"}").then().statusCode(200).body("status", equalTo("active"));
            assertEquals("io.tenancycore.tenant.activated", header(tail.await(r -> tenant.equals(r.key())),
                    "ce_type"));
            patch(tenant, "{\"status\": \"suspended\", \"name\": \"Renamed\"}").then().statusCode(200)
                    .body("status", equalTo("suspended")).body("name", equalTo("Renamed"));
            assertEquals("io.tenancycore.tenant.updated", header(tail.await(r -> tenant.equals(r.key())),
                    "ce_type"));
            assertEquals("io.tenancycore.tenant.suspended", header(tail.await(r -> tenant.equals(r.key())),
                    "ce_type"));
            patch(tenant, "{\"status\": \"deleted\"}").then().statusCode(200);
            assertEquals("io.tenancycore.tenant.deleted", header(tail.await(r -> tenant.equals(r.key())),
                    "ce_type"));
        }
        patch(tenant, "{\"status\": \"active\"}").then().statusCode(409);
    }

    @Test
    void aFailedProvisioningLeavesTheTenantFailedWithItsReasonUntilItIsProvisionedAgain() {
        String tenant = uniqueTenant("fail");
        platform().contentType("application/json").body(tenantDocument(tenant)).post("/v1/tenants")
                .then().statusCode(201);
        try (TopicTail tail = new TopicTail(Topics.TENANTS)) {
            // a reason goes only with a status, and is bounded
            patch(tenant, "{\"status_reason\": \"why\"}").then().statusCode(400);
            patch(tenant, "{\"status\": \"failed\", \"status_reason\": \"" + "x".repeat(501) + "\"}")
                    .then().statusCode(400);
            patch(tenant, "{\"status\": \"failed\", \"status_reason\": \"security-service unreachable\"}")
                    .then().statusCode(200).body("status", equalTo("failed"))
                    .body("status_reason", equalTo("security-service unreachable"));
            assertEquals("io.tenancycore.tenant.failed", header(tail.await(r -> tenant.equals(r.key())), "ce_type"));
            platform().get("/v1/tenants/" + tenant).then().statusCode(200)
                    .body("status_reason", equalTo("security-service unreachable"));
            // a failed tenant is not activated by mistake; it is provisioned again, announced as a new registration
            patch(tenant, "{\"status\": \"active\"}").then().statusCode(409);
            patch(tenant, "{\"status\": \"provisioning\"}").then().statusCode(200)
                    .body("status", equalTo("provisioning")).body("$", org.hamcrest.Matchers.not(
                            org.hamcrest.Matchers.hasKey("status_reason")));
            assertEquals("io.tenancycore.tenant.registered", header(tail.await(r -> tenant.equals(r.key())),
                    "ce_type"));
        }
    }

    @Test
    void patchIsRevalidatedAndTransitionsAreChecked() {
        String tenant = uniqueTenant("patch");
        platform().contentType("application/json").body(tenantDocument(tenant)).post("/v1/tenants")
                .then().statusCode(201);
        patch(tenant, "{\"plan\": \"galactic\", \"email\": \"nope\"}").then().statusCode(422)
                .body("violations.field", hasItems("plan", "email"));
        patch(tenant, "{\"status\": \"suspended\"}").then().statusCode(409);
        patch(tenant, "{\"status\": \"sleeping\"}").then().statusCode(400);
    }

    @Test
    void listsTenantsInPages() {
        String prefix = uniqueTenant("page");
        for (int i = 0; i < 3; i++) {
            platform().contentType("application/json").body(tenantDocument(prefix + "-" + i)).post("/v1/tenants")
                    .then().statusCode(201);
        }
        platform().queryParam("cursor", prefix).queryParam("limit", 2).get("/v1/tenants")
                .then().statusCode(200)
                .body("items.tenant_id", org.hamcrest.Matchers.contains(prefix + "-0", prefix + "-1"))
                .body("next_cursor", equalTo(prefix + "-1"));
        platform().queryParam("cursor", prefix + "-1").queryParam("limit", 1).get("/v1/tenants")
                .then().statusCode(200).body("items.tenant_id", org.hamcrest.Matchers.contains(prefix + "-2"));
        for (String bad : new String[] { "0", "501", "abc" }) {
            platform().queryParam("limit", bad).get("/v1/tenants").then().statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("limit"));
        }
    }

    @Test
    void aTenantHasAnETagForConditionalReadsAndPatchesAndMillisecondTimestamps() {
        String tenant = uniqueTenant("etag");
        var created = platform().contentType("application/json").body(tenantDocument(tenant)).post("/v1/tenants")
                .then().statusCode(201).extract();
        String createdAt = created.path("created_at");
        org.junit.jupiter.api.Assertions.assertTrue(createdAt.matches(
                "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), createdAt);
        String etag = platform().get("/v1/tenants/" + tenant).then().statusCode(200)
                .body("created_at", equalTo(createdAt)).body("updated_at", equalTo(createdAt))
                .extract().header("ETag");
        platform().header("If-None-Match", etag).get("/v1/tenants/" + tenant).then().statusCode(304);
        platform().contentType("application/merge-patch+json").header("If-Match", etag)
                .body("{\"name\": \"Renamed\"}").patch("/v1/tenants/" + tenant).then().statusCode(200)
                .body("name", equalTo("Renamed"));
        platform().contentType("application/merge-patch+json").header("If-Match", etag)
                .body("{\"name\": \"Again\"}").patch("/v1/tenants/" + tenant).then().statusCode(412)
                .contentType("application/problem+json");
    }

    /** Patches racing with the same ETag: exactly one applies, the others get 412 and change nothing. */
    @Test
    void concurrentPatchesWithTheSameETagLetExactlyOneThrough() throws Exception {
        String tenant = uniqueTenant("race");
        platform().contentType("application/json").body(tenantDocument(tenant)).post("/v1/tenants").then()
                .statusCode(201);
        for (int round = 0; round < 3; round++) {
            String etag = platform().get("/v1/tenants/" + tenant).then().statusCode(200).extract().header("ETag");
            String prefix = "Round " + round + " writer ";
            List<Integer> statuses = Concurrently.run(6, writer -> platform()
                    .contentType("application/merge-patch+json").header("If-Match", etag)
                    .body("{\"name\": \"" + prefix + writer + "\"}").patch("/v1/tenants/" + tenant).statusCode());
            assertEquals(1, statuses.stream().filter(status -> status == 200).count(), "one winner: " + statuses);
            assertEquals(5, statuses.stream().filter(status -> status == 412).count(), "the rest refused: " + statuses);
            platform().get("/v1/tenants/" + tenant).then().body("name", equalTo(prefix + statuses.indexOf(200)));
        }
    }

    @Test
    void onlyPlatformCallersRegisterAndNobodyAnonymous() {
        String tenant = uniqueTenant("deny");
        admin(tenant).contentType("application/json").body(tenantDocument(tenant)).post("/v1/tenants")
                .then().statusCode(403);
        RestAssured.given().contentType("application/json").body(tenantDocument(tenant)).post("/v1/tenants")
                .then().statusCode(401);
        admin("someone-else").get("/v1/tenants/" + tenant).then().statusCode(403);
    }

    private static io.restassured.response.Response patch(String tenant, String body) {
        return platform().contentType("application/merge-patch+json").body(body).patch("/v1/tenants/" + tenant);
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
