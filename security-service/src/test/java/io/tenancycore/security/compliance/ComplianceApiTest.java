package io.tenancycore.security.compliance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.security.crypto.TransitEngine;
import io.tenancycore.security.crypto.TransitKey;
import io.tenancycore.security.crypto.TransitKeyStore;
import io.tenancycore.security.support.TestTokens;
import io.tenancycore.security.token.ClientStore;
import io.tenancycore.security.token.OAuthClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ComplianceApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ClientStore clients;
    @Inject
    TransitKeyStore keys;
    @Inject
    TransitEngine engine;

    private static ValidatableResponse report(String token, String tenant) {
        return given().auth().oauth2(token).get("/v1/tenants/" + tenant + "/compliance").then();
    }

    private static String control(String id) {
        return "controls.find { it.id == '" + id + "' }";
    }

    @Test
    void aTenantInLineWithItsPolicyPassesEveryControl() {
        String tenant = TestTokens.uniqueTenant("comp-ok");
        String auditor = TestTokens.tenantToken(tenant, List.of("auditor"));
        report(auditor, tenant).statusCode(200)
                .body("tenant_id", equalTo(tenant))
                .body("compliant", equalTo(true))
                .body("failed", equalTo(0))
                .body("controls.id", contains(ComplianceService.KEY_ROTATION, ComplianceService.KEY_AUTO_ROTATION,
                        ComplianceService.CLIENT_IDLE, ComplianceService.CLIENT_SECRET_STRENGTH,
                        ComplianceService.TOKEN_TTL, ComplianceService.SIGNING_KEY_AGE, ComplianceService.AUDIT_CHAIN,
                        ComplianceService.DEFAULT_ROLES))
                .body(control(ComplianceService.TOKEN_TTL) + ".evidence.issued_ttl_seconds", equalTo(3600))
                .body(control(ComplianceService.CLIENT_IDLE) + ".evidence.clients_checked", equalTo(1))
                .body(control(ComplianceService.SIGNING_KEY_AGE) + ".evidence.active_kid",
                        org.hamcrest.Matchers.notNullValue())
                .body(control(ComplianceService.DEFAULT_ROLES) + ".evidence.missing", empty());
    }

    @Test
    void failingControlsNameWhatFailsAndWhy() {
        String tenant = TestTokens.uniqueTenant("comp-bad");
        String admin = TestTokens.tenantToken(tenant, List.of("tenant-admin"));
        String base = "/v1/tenants/" + tenant;
        // a key created 100 days ago and never rotated, a key without auto-rotation, one that rotates daily
        Instant longAgo = Instant.now().minus(Duration.ofDays(100));
        keys.create(new TransitKey(tenant, "archive", longAgo, 1, 1, 0, Duration.ZERO, false, false, longAgo,
                new TreeMap<>(Map.of(1, longAgo)), Map.of(1, engine.newWrappedMaterial(tenant, "archive", 1))))
                .await().atMost(WAIT);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "daily",
                "auto_rotate_period", "24h")).post(base + "/keys").then().statusCode(201);
        // a client last used 200 days ago
        String idleId = TestTokens.client(tenant, List.of("tenant-user")).get("client_id");
        OAuthClient idle = clients.findById(idleId).await().atMost(WAIT);
        clients.markUsed(idle, Instant.now().minus(Duration.ofDays(200))).await().atMost(WAIT);
        // the policy tightens after the fact: auto-rotation required, 512-bit secrets, 30 days of idleness
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("key_rotation_period_days", 30, "require_key_auto_rotation", true,
                        "min_client_secret_bits", 512, "client_max_idle_days", 30))
                .put(base + "/policy").then().statusCode(200);
        given().auth().oauth2(admin).delete(base + "/roles/auditor").then().statusCode(204);

        report(admin, tenant).statusCode(200)
                .body("compliant", equalTo(false))
                .body("failed", equalTo(5))
                .body("policy.require_key_auto_rotation", equalTo(true))
                .body(control(ComplianceService.KEY_ROTATION) + ".status", equalTo("fail"))
                .body(control(ComplianceService.KEY_ROTATION) + ".evidence.keys_checked", equalTo(2))
                .body(control(ComplianceService.KEY_ROTATION) + ".evidence.overdue.key", contains("archive"))
                .body(control(ComplianceService.KEY_ROTATION) + ".evidence.overdue[0].age_days",
                        greaterThanOrEqualTo(100))
                .body(control(ComplianceService.KEY_AUTO_ROTATION) + ".status", equalTo("fail"))
                .body(control(ComplianceService.KEY_AUTO_ROTATION) + ".evidence.offending.key", contains("archive"))
                .body(control(ComplianceService.KEY_AUTO_ROTATION) + ".evidence.offending[0].auto_rotate_period",
                        equalTo("unset"))
                .body(control(ComplianceService.CLIENT_IDLE) + ".status", equalTo("fail"))
                .body(control(ComplianceService.CLIENT_IDLE) + ".evidence.idle.client_id", contains(idleId))
                .body(control(ComplianceService.CLIENT_IDLE) + ".evidence.idle[0].idle_days",
                        greaterThanOrEqualTo(200))
                .body(control(ComplianceService.CLIENT_SECRET_STRENGTH) + ".status", equalTo("fail"))
                .body(control(ComplianceService.CLIENT_SECRET_STRENGTH) + ".evidence.weak", hasSize(2))
                .body(control(ComplianceService.CLIENT_SECRET_STRENGTH) + ".evidence.weak[0].secret_bits",
                        equalTo(256))
                .body(control(ComplianceService.DEFAULT_ROLES) + ".status", equalTo("fail"))
                .body(control(ComplianceService.DEFAULT_ROLES) + ".evidence.missing", contains("auditor"))
                .body(control(ComplianceService.TOKEN_TTL) + ".status", equalTo("pass"))
                .body(control(ComplianceService.AUDIT_CHAIN) + ".status", equalTo("pass"))
                .body(control(ComplianceService.AUDIT_CHAIN) + ".evidence.first_broken_seq", nullValue());
    }

    @Test
    void onlyTheTenantsAuditReadersSeeTheReport() {
        String tenant = TestTokens.uniqueTenant("comp-acl");
        String other = TestTokens.uniqueTenant("comp-other");
        String otherAdmin = TestTokens.tenantToken(other, List.of("tenant-admin"));
        report(otherAdmin, tenant).statusCode(403)
                .body("type", equalTo("urn:tenancycore:problem:security:cross-tenant-access"));
        String user = TestTokens.tenantToken(tenant, List.of("tenant-user"));
        report(user, tenant).statusCode(403).body("detail", equalTo("Missing permission 'audit:read'."));
        given().get("/v1/tenants/" + tenant + "/compliance").then().statusCode(401);
        report(TestTokens.admin(), tenant).statusCode(200);
        given().auth().oauth2(TestTokens.admin()).get("/v1/tenants/Bad_Tenant/compliance").then().statusCode(400);
    }
}
