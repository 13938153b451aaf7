package io.tenancycore.security.conventions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tenancycore.commons.testsupport.Concurrently;
import io.tenancycore.security.support.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DESIGN's API conventions on security-service's resources: paging, create/update/delete answers, ETag/If-Match. */
@QuarkusTest
class ApiConventionsTest {

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void everyListPagesWithItemsAndNextCursor() {
        String tenant = TestTokens.uniqueTenant("pages");
        String admin = TestTokens.admin();
        String base = "/v1/tenants/" + tenant;
        as(admin).post(base + "/roles/defaults").then().statusCode(200);
        for (String key : List.of("a", "b", "c", "d", "e")) {
            as(admin).body(Map.of("name", key)).post(base + "/keys").then().statusCode(201);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = as(admin).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            ExtractableResponse<Response> page = request.get(base + "/keys").then().statusCode(200)
                    .body("items.size()", lessThanOrEqualTo(2)).extract();
            seen.addAll(page.path("items.name"));
            cursor = page.path("next_cursor");
        } while (cursor != null);
        assertEquals(List.of("a", "b", "c", "d", "e"), seen);

        // every list has the same shape, and an empty one is []
        for (String list : List.of("/bindings", "/roles", "/clients", "/keys", "/audit")) {
            as(admin).get(base + list).then().statusCode(200).body("items", notNullValue())
                    .body("$", hasKey("next_cursor"));
        }
        as(admin).get(base + "/bindings").then().body("items", hasSize(0)).body("next_cursor", nullValue());
        as(admin).get("/v1/admin/signing-keys").then().statusCode(200).body("items.size()", greaterThan(0));
        as(admin).get("/v1/permissions?limit=3").then().statusCode(200).body("items", hasSize(3))
                .body("next_cursor", notNullValue());
    }

    @Test
    void aBadLimitOrCursorIsA400ProblemNotA404() {
        String tenant = TestTokens.uniqueTenant("badpage");
        String admin = TestTokens.admin();
        String base = "/v1/tenants/" + tenant;
        for (String query : List.of("/keys?limit=abc", "/keys?limit=0", "/keys?limit=501", "/roles?cursor=%25%25",
                "/audit?limit=abc", "/audit/verify?limit=abc", "/clients?limit=-1")) {
            as(admin).urlEncodingEnabled(false).get(base + query).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", oneOf("limit", "cursor"));
        }
        as(admin).get(base + "/keys?limit=500").then().statusCode(200);
    }

    @Test
    void createsAnswer201WithLocationUpdates200AndDeletes204() {
        String tenant = TestTokens.uniqueTenant("crud");
        String admin = TestTokens.admin();
        String base = "/v1/tenants/" + tenant;
        as(admin).post(base + "/roles/defaults").then().statusCode(200);

        String client = as(admin).body(Map.of("name", "app", "roles", List.of("tenant-user"))).post(base + "/clients")
                .then().statusCode(201).header("Location", startsWith("http")).extract().header("Location");
        as(admin).get(client).then().statusCode(200).body("name", equalTo("app"));

        String key = as(admin).body(Map.of("name", "orders")).post(base + "/keys").then().statusCode(201)
                .extract().header("Location");
        as(admin).get(key).then().statusCode(200).body("name", equalTo("orders"))
                .body("created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));

        String role = as(admin).body(Map.of("permissions", List.of("audit:read"))).put(base + "/roles/reader").then()
                .statusCode(201).header("Location", startsWith("http")).extract().header("Location");
        as(admin).body(Map.of("permissions", List.of("audit:read", "compliance:read"))).put(role).then()
                .statusCode(200).body("permissions", hasSize(2));
        as(admin).body(Map.of("roles", List.of("reader"))).put(base + "/bindings/bob").then().statusCode(201)
                .header("Location", startsWith("http")).body("subject", equalTo("bob"));
        as(admin).body(Map.of("roles", List.of("auditor"))).put(base + "/bindings/bob").then().statusCode(200)
                .body("roles", equalTo(List.of("auditor")));

        as(admin).delete(base + "/bindings/bob").then().statusCode(204);
        as(admin).delete(role).then().statusCode(204);
        as(admin).delete(client).then().statusCode(204);
    }

    @Test
    void mutableResourcesCarryAnETagAndWritesHonourIfMatch() {
        String tenant = TestTokens.uniqueTenant("etag");
        String admin = TestTokens.admin();
        String base = "/v1/tenants/" + tenant;
        as(admin).post(base + "/roles/defaults").then().statusCode(200);

        // roles
        String role = as(admin).get(base + "/roles/auditor").then().statusCode(200).extract().header("ETag");
        assertNotEquals(null, role);
        as(admin).header("If-Match", "\"stale\"").body(Map.of("permissions", List.of("audit:read")))
                .put(base + "/roles/auditor").then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("urn:tenancycore:problem:security:precondition-failed"));
        String changed = as(admin).header("If-Match", role).body(Map.of("permissions", List.of("audit:read")))
                .put(base + "/roles/auditor").then().statusCode(200).extract().header("ETag");
        assertNotEquals(role, changed);
        as(admin).header("If-Match", role).delete(base + "/roles/auditor").then().statusCode(412);
        as(admin).header("If-Match", "\"x\"").body(Map.of("permissions", List.of("audit:read")))
                .put(base + "/roles/brand-new").then().statusCode(412);

        // a key's settings
        as(admin).body(Map.of("name", "k")).post(base + "/keys").then().statusCode(201);
        String key = as(admin).get(base + "/keys/k").then().statusCode(200).extract().header("ETag");
        as(admin).post(base + "/keys/k/rotate").then().statusCode(200);
        as(admin).header("If-Match", key).body(Map.of("min_decryption_version", 2)).post(base + "/keys/k/config")
                .then().statusCode(412);
        String fresh = as(admin).get(base + "/keys/k").then().extract().header("ETag");
        as(admin).header("If-Match", fresh).body(Map.of("min_decryption_version", 2)).post(base + "/keys/k/config")
                .then().statusCode(200).body("min_decryption_version", equalTo(2));

        // the policy
        String policy = as(admin).get(base + "/policy").then().statusCode(200).extract().header("ETag");
        as(admin).header("If-Match", policy).body(Map.of("token_ttl_seconds", 900)).put(base + "/policy").then()
                .statusCode(200);
        as(admin).header("If-Match", policy).body(Map.of("token_ttl_seconds", 600)).put(base + "/policy").then()
                .statusCode(412);
    }

    /**
     * Writers racing with the same ETag: the check and the write are one step, so exactly one wins and every other
     * gets 412 — none overwrites the winner (a lost update).
     */
    @Test
    void concurrentWritesWithTheSameETagLetExactlyOneThrough() throws Exception {
        String tenant = TestTokens.uniqueTenant("race");
        String admin = TestTokens.admin();
        String base = "/v1/tenants/" + tenant;
        as(admin).post(base + "/roles/defaults").then().statusCode(200);
        List<String> permissions = List.of("audit:read", "keys:read", "roles:read", "clients:read", "keys:encrypt",
                "keys:decrypt", "policies:read", "config:read");
        for (int round = 0; round < 3; round++) {
            String etag = as(admin).get(base + "/roles/auditor").then().statusCode(200).extract().header("ETag");
            // every writer changes the role (a write of the current content would keep its ETag and pass)
            String description = "round " + round;
            List<Integer> statuses = Concurrently.run(permissions.size(), writer -> as(admin).header("If-Match", etag)
                    .body(Map.of("permissions", List.of(permissions.get(writer)), "description", description))
                    .put(base + "/roles/auditor").statusCode());
            assertEquals(1, statuses.stream().filter(status -> status == 200).count(), "one winner: " + statuses);
            assertEquals(permissions.size() - 1, statuses.stream().filter(status -> status == 412).count(),
                    "every other writer refused: " + statuses);
            int winner = statuses.indexOf(200);
            as(admin).get(base + "/roles/auditor").then()
                    .body("permissions", equalTo(List.of(permissions.get(winner))));
        }

        String policy = as(admin).get(base + "/policy").then().statusCode(200).extract().header("ETag");
        List<Integer> statuses = Concurrently.run(6, writer -> as(admin).header("If-Match", policy)
                .body(Map.of("token_ttl_seconds", 600 + writer)).put(base + "/policy").statusCode());
        assertEquals(1, statuses.stream().filter(status -> status == 200).count(), "one winner: " + statuses);
        as(admin).get(base + "/policy").then().body("token_ttl_seconds", equalTo(600 + statuses.indexOf(200)));
    }
}
