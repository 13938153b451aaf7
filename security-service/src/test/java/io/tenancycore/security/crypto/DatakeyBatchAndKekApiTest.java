package io.tenancycore.security.crypto;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tenancycore.security.support.TestTokens;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatakeyBatchAndKekApiTest {

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void datakeyBatchReturnsKeysOfTheAskedSizesThatDecryptToThemselves() {
        String tenant = TestTokens.uniqueTenant("dk");
        String admin = TestTokens.tenantToken(tenant, List.of("tenant-admin"));
        String base = "/v1/tenants/" + tenant + "/keys";
        as(admin).body(Map.of("name", "files")).post(base).then().statusCode(201);

        JsonPath generated = as(admin).body(Map.of("batch_input", List.of(Map.of("bits", 128), Map.of("bits", 256),
                Map.of("bits", 100), Map.of("plaintext", "AAAA")))).post(base + "/files/datakey/plaintext").then()
                .statusCode(200)
                .body("batch_results", hasSize(4))
                .body("batch_results[0].ciphertext", startsWith("tc:v1:"))
                .body("batch_results[1].ciphertext", startsWith("tc:v1:"))
                .body("batch_results[2].error", notNullValue())
                .body("batch_results[2].ciphertext", nullValue())
                .body("batch_results[3].error", notNullValue())
                .extract().jsonPath();
        assertEquals(16, Base64.getDecoder().decode(generated.getString("batch_results[0].plaintext")).length);
        assertEquals(32, Base64.getDecoder().decode(generated.getString("batch_results[1].plaintext")).length);

        // the wrapped data keys decrypt to the plaintext keys handed out with them
        as(admin).body(Map.of("batch_input", List.of(
                Map.of("ciphertext", generated.getString("batch_results[0].ciphertext")),
                Map.of("ciphertext", generated.getString("batch_results[1].ciphertext")))))
                .post(base + "/files/decrypt").then().statusCode(200)
                .body("batch_results[0].plaintext", equalTo(generated.getString("batch_results[0].plaintext")))
                .body("batch_results[1].plaintext", equalTo(generated.getString("batch_results[1].plaintext")));

        // wrapped only: no plaintext anywhere in the answer
        as(admin).body(Map.of("batch_input", List.of(Map.of(), Map.of("bits", 512))))
                .post(base + "/files/datakey/wrapped").then().statusCode(200)
                .body("batch_results", hasSize(2))
                .body("batch_results.plaintext", everyItem(nullValue()))
                .body("batch_results.ciphertext", everyItem(startsWith("tc:v1:")));
        as(admin).body(Map.of("batch_input", List.of())).post(base + "/files/datakey/wrapped").then().statusCode(422);
        as(admin).body(Map.of()).post(base + "/files/datakey/everything").then().statusCode(422);
        String user = TestTokens.tenantToken(tenant, List.of("auditor"));
        as(user).body(Map.of()).post(base + "/files/datakey/wrapped").then().statusCode(403);
    }

    @Test
    void masterKeyEndpointsArePlatformAdminOnly() {
        String admin = TestTokens.admin();
        String currentKek = given().auth().oauth2(admin).get("/v1/admin/kek").then().statusCode(200)
                .body("current_kek_id", notNullValue())
                .extract().path("current_kek_id");
        given().auth().oauth2(admin).get("/v1/admin/kek").then().body("known_kek_ids", hasItem(currentKek));

        // nothing to re-wrap while the master key has not changed (the IT re-wraps after a real KEK rotation)
        given().auth().oauth2(admin).post("/v1/admin/kek/rewrap").then().statusCode(200)
                .body("current_kek_id", equalTo(currentKek))
                .body("rewrapped", equalTo(0))
                .body("already_current", notNullValue());

        String tenant = TestTokens.uniqueTenant("kek");
        String tenantAdmin = TestTokens.tenantToken(tenant, List.of("tenant-admin"));
        given().auth().oauth2(tenantAdmin).get("/v1/admin/kek").then().statusCode(403);
        given().auth().oauth2(tenantAdmin).post("/v1/admin/kek/rewrap").then().statusCode(403);
        given().get("/v1/admin/kek").then().statusCode(401);
        given().post("/v1/admin/kek/rewrap").then().statusCode(401);
    }
}
