package io.tenancycore.security.rbac;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tenancycore.security.support.TestTokens;
import io.tenancycore.security.token.SigningKeyRing;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, critical: a tenant admin must not become platform admin. Platform roles cannot be put into a tenant by
 * any door (role, binding, client), and what is in Redis anyway never reaches a token nor a decision.
 */
@QuarkusTest
class PlatformRolesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String RESERVED = ReservedRoleRefused.TYPE;

    @Inject
    RbacStore store;
    @Inject
    SigningKeyRing ring;

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = { "platform-admin", "service", "platform-auditor" })
    void aTenantAdminCanNeitherCreateNorBindNorGrantAPlatformRole(String platformRole) {
        String tenant = TestTokens.uniqueTenant("esc");
        Map<String, String> client = TestTokens.client(tenant, List.of("tenant-admin"));
        String tenantAdmin = TestTokens.token(client.get("client_id"), client.get("client_secret"));
        String base = "/v1/tenants/" + tenant;

        // create (and replace: the same PUT)
        as(tenantAdmin).body(Map.of("permissions", List.of("*"))).put(base + "/roles/" + platformRole)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo(RESERVED)).body("violations[0].field", equalTo("role"))
                .body("violations[0].code", equalTo("reserved_role"));
        // bind to itself
        as(tenantAdmin).body(Map.of("roles", List.of("tenant-user", platformRole)))
                .put(base + "/bindings/" + client.get("client_id"))
                .then().statusCode(422).body("type", equalTo(RESERVED))
                .body("violations[0].field", equalTo("roles[1]"));
        // grant to a new client
        as(tenantAdmin).body(Map.of("name", "sneaky", "roles", List.of(platformRole)))
                .post(base + "/clients").then().statusCode(422).body("type", equalTo(RESERVED))
                .body("violations[0].field", equalTo("roles[0]"));
        // nothing of it was stored, and the next token is what it was
        as(tenantAdmin).get(base + "/roles").then().statusCode(200).body("name", not(hasItem(platformRole)));
        as(tenantAdmin).get(base + "/bindings").then().statusCode(200).body("items.size()", equalTo(0));
        as(tenantAdmin).get(base + "/clients").then().statusCode(200).body("items.size()", equalTo(1));
        Map<String, Object> claims = TestTokens.claims(TestTokens.token(client.get("client_id"),
                client.get("client_secret")));
        assertEquals(List.of("tenant-admin"), claims.get("groups"));
    }

    @Test
    void notEvenPlatformAdminPutsAPlatformRoleIntoATenant() {
        String tenant = TestTokens.uniqueTenant("esc");
        as(TestTokens.admin()).body(Map.of("permissions", List.of("*"))).put("/v1/tenants/" + tenant + "/roles/service")
                .then().statusCode(422).body("type", equalTo(RESERVED));
    }

    @Test
    void platformRolesPlantedInRedisNeverReachATokenNorADecision() {
        String tenant = TestTokens.uniqueTenant("plant");
        Map<String, String> client = TestTokens.client(tenant, List.of("tenant-user"));
        String clientId = client.get("client_id");
        // written behind the API's back (an old escalation, or someone with Redis access)
        store.putRole(tenant, new Role("platform-admin", List.of("*"), "planted", false)).await().atMost(WAIT);
        store.putRole(tenant, new Role("platform-ops", List.of("*"), "planted", false)).await().atMost(WAIT);
        store.putBinding(tenant, clientId, List.of("platform-admin", "service", "platform-ops")).await().atMost(WAIT);

        String token = TestTokens.token(clientId, client.get("client_secret"));
        Map<String, Object> claims = TestTokens.claims(token);
        assertEquals(List.of("tenant-user"), claims.get("groups"));
        assertEquals(tenant, claims.get("tenant_id"));
        assertEquals(List.of(TestTokens.PLATFORM_AUDIENCE), claims.get("aud"));
        assertFalse(claims.containsKey("scope"));

        // the token does what tenant-user does, nothing more
        as(token).body(Map.of("name", "k")).post("/v1/tenants/" + tenant + "/keys").then().statusCode(403);
        as(token).get("/v1/tenants/" + TestTokens.uniqueTenant("victim") + "/keys").then().statusCode(403);
        // the planted roles are invisible to readers (other services' RBAC reads this list) and to decisions
        String admin = TestTokens.admin();
        as(admin).get("/v1/tenants/" + tenant + "/roles").then().statusCode(200)
                .body("items.name", not(hasItem("platform-admin"))).body("items.name", not(hasItem("platform-ops")));
        as(admin).get("/v1/tenants/" + tenant + "/roles/platform-admin").then().statusCode(404);
        List<String> bound = as(admin).get("/v1/tenants/" + tenant + "/bindings").then().statusCode(200)
                .extract().path("items.find { it.subject == '" + clientId + "' }.roles");
        assertEquals(List.of(), bound);
        as(admin).body(Map.of("subject", clientId, "tenant_id", tenant, "permission", "keys:rotate"))
                .post("/v1/authz/check").then().statusCode(200).body("allowed", equalTo(false));
        // and can be cleaned up through the API
        as(admin).delete("/v1/tenants/" + tenant + "/roles/platform-admin").then().statusCode(204);
    }

    @Test
    void aTenantTokenCarryingAPlatformRoleGetsNothingFromIt() {
        String tenant = TestTokens.uniqueTenant("forged");
        as(TestTokens.admin()).post("/v1/tenants/" + tenant + "/roles/defaults").then().statusCode(200);
        // what an escalated token issued before this fix looks like: valid signature, tenant_id and platform-admin
        JwtClaims claims = new JwtClaims();
        claims.setSubject(tenant + ".escalated");
        claims.setAudience(List.of(TestTokens.PLATFORM_AUDIENCE));
        claims.setClaim("tenant_id", tenant);
        claims.setStringListClaim("groups", List.of("platform-admin", "service"));
        claims.setClaim("scope", "*");
        String escalated = TestTokens.signed(ring, claims);

        as(escalated).get("/v1/tenants/" + tenant + "/keys").then().statusCode(403)
                .body("type", equalTo("urn:tenancycore:problem:security:permission-denied"));
        as(escalated).get("/v1/admin/signing-keys").then().statusCode(403);
        as(escalated).get("/v1/admin/kek").then().statusCode(403);
        as(escalated).body(Map.of("subject", tenant + ".escalated", "tenant_id", tenant, "permission", "keys:read"))
                .post("/v1/authz/check").then().statusCode(403);
    }

    @Test
    void theRoleListOfATenantNeverShowsAPlatformRole() {
        String tenant = TestTokens.uniqueTenant("list");
        String admin = TestTokens.admin();
        as(admin).post("/v1/tenants/" + tenant + "/roles/defaults").then().statusCode(200);
        store.putRole(tenant, new Role("service", List.of("*"), "planted", false)).await().atMost(WAIT);
        as(admin).get("/v1/tenants/" + tenant + "/roles").then().statusCode(200)
                .body("items.name", everyItem(not(equalTo("service")))).body("items.size()", equalTo(3));
    }
}
