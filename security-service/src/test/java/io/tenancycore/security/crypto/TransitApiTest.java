package io.tenancycore.security.crypto;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tenancycore.security.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TransitApiTest {

    private static final String SECRET = Base64.getEncoder()
            .encodeToString("card 4111-1111-1111-1111".getBytes(StandardCharsets.UTF_8));

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void encryptRotateDecryptMinDecryptionVersionAndRewrap() {
        String tenant = TestTokens.uniqueTenant("tr");
        String admin = TestTokens.tenantToken(tenant, List.of("tenant-admin"));
        String base = "/v1/tenants/" + tenant + "/keys";
        as(admin).body(Map.of("name", "orders")).post(base).then().statusCode(201)
                .body("latest_version", equalTo(1)).body("versions.1", notNullValue());
        as(admin).body(Map.of("name", "orders")).post(base).then().statusCode(409);

        String v1 = as(admin).body(Map.of("plaintext", SECRET)).post(base + "/orders/encrypt").then().statusCode(200)
                .body("ciphertext", startsWith("tc:v1:")).extract().path("ciphertext");
        as(admin).post(base + "/orders/rotate").then().statusCode(200).body("latest_version", equalTo(2));
        as(admin).body(Map.of("plaintext", SECRET)).post(base + "/orders/encrypt").then().statusCode(200)
                .body("ciphertext", startsWith("tc:v2:"));
        as(admin).body(Map.of("ciphertext", v1)).post(base + "/orders/decrypt").then().statusCode(200)
                .body("plaintext", equalTo(SECRET));

        as(admin).body(Map.of("min_decryption_version", 2)).post(base + "/orders/config").then().statusCode(200)
                .body("min_decryption_version", equalTo(2));
        as(admin).body(Map.of("ciphertext", v1)).post(base + "/orders/decrypt").then().statusCode(422);
        as(admin).body(Map.of("ciphertext", v1)).post(base + "/orders/rewrap").then().statusCode(422);

        as(admin).body(Map.of("min_decryption_version", 1)).post(base + "/orders/config").then().statusCode(200);
        String rewrapped = as(admin).body(Map.of("ciphertext", v1)).post(base + "/orders/rewrap").then()
                .statusCode(200).body("ciphertext", startsWith("tc:v2:")).body("plaintext", nullValue())
                .extract().path("ciphertext");
        as(admin).body(Map.of("min_decryption_version", 2)).post(base + "/orders/config").then().statusCode(200);
        as(admin).body(Map.of("ciphertext", rewrapped)).post(base + "/orders/decrypt").then().statusCode(200)
                .body("plaintext", equalTo(SECRET));

        as(admin).body(Map.of("min_decryption_version", 3)).post(base + "/orders/config").then().statusCode(422);
        as(admin).get(base + "/orders").then().statusCode(200).body("latest_version", equalTo(2))
                .body("versions.2", notNullValue()).body("material", nullValue());
    }

    @Test
    void anotherTenantCannotDecryptEvenWithTheSameKeyName() {
        String a = TestTokens.uniqueTenant("ta");
        String b = TestTokens.uniqueTenant("tb");
        String tokenA = TestTokens.tenantToken(a, List.of("tenant-admin"));
        String tokenB = TestTokens.tenantToken(b, List.of("tenant-admin"));
        as(tokenA).body(Map.of("name", "shared")).post("/v1/tenants/" + a + "/keys").then().statusCode(201);
        as(tokenB).body(Map.of("name", "shared")).post("/v1/tenants/" + b + "/keys").then().statusCode(201);
        String ciphertext = as(tokenA).body(Map.of("plaintext", SECRET)).post("/v1/tenants/" + a + "/keys/shared/encrypt")
                .then().statusCode(200).extract().path("ciphertext");
        as(tokenB).body(Map.of("ciphertext", ciphertext)).post("/v1/tenants/" + b + "/keys/shared/decrypt").then()
                .statusCode(422);
        as(tokenB).body(Map.of("ciphertext", ciphertext)).post("/v1/tenants/" + a + "/keys/shared/decrypt").then()
                .statusCode(403);
        // context is bound too
        String withContext = as(tokenA).body(Map.of("plaintext", SECRET, "context", "b3JkZXItMQ=="))
                .post("/v1/tenants/" + a + "/keys/shared/encrypt").then().statusCode(200).extract().path("ciphertext");
        as(tokenA).body(Map.of("ciphertext", withContext)).post("/v1/tenants/" + a + "/keys/shared/decrypt").then()
                .statusCode(422);
        as(tokenA).body(Map.of("ciphertext", withContext, "context", "b3JkZXItMQ=="))
                .post("/v1/tenants/" + a + "/keys/shared/decrypt").then().statusCode(200).body("plaintext", equalTo(SECRET));
    }

    @Test
    void batchDatakeyDeleteAndFailurePaths() {
        String tenant = TestTokens.uniqueTenant("tx");
        String admin = TestTokens.tenantToken(tenant, List.of("tenant-admin"));
        String user = TestTokens.tenantToken(tenant, List.of("tenant-user"));
        String base = "/v1/tenants/" + tenant + "/keys";
        as(admin).body(Map.of("name", "k", "auto_rotate_period", "24h")).post(base).then().statusCode(201)
                .body("auto_rotate_period", equalTo("86400s"));
        as(admin).body(Map.of("name", "short", "auto_rotate_period", "5s")).post(base).then().statusCode(400);

        List<String> results = as(user).body(Map.of("batch_input", List.of(Map.of("plaintext", SECRET),
                Map.of("plaintext", "!!not base64!!")))).post(base + "/k/encrypt").then().statusCode(200)
                .body("batch_results[0].ciphertext", startsWith("tc:v1:"))
                .body("batch_results[1].error", notNullValue())
                .extract().path("batch_results.ciphertext");
        as(user).body(Map.of("batch_input", List.of(Map.of("ciphertext", results.get(0)), Map.of("ciphertext", "junk"))))
                .post(base + "/k/decrypt").then().statusCode(200)
                .body("batch_results[0].plaintext", equalTo(SECRET))
                .body("batch_results[1].error", notNullValue());

        String wrappedOnly = as(user).body(Map.of()).post(base + "/k/datakey/wrapped").then().statusCode(200)
                .body("plaintext", nullValue()).extract().path("ciphertext");
        as(user).body(Map.of("ciphertext", wrappedOnly)).post(base + "/k/decrypt").then().statusCode(200);
        as(user).body(Map.of("bits", 512)).post(base + "/k/datakey/plaintext").then().statusCode(200)
                .body("plaintext", notNullValue()).body("ciphertext", startsWith("tc:v1:"));
        as(user).body(Map.of("bits", 100)).post(base + "/k/datakey/plaintext").then().statusCode(400);

        as(user).body(Map.of("plaintext", "%%%")).post(base + "/k/encrypt").then().statusCode(400);
        as(user).body(Map.of("plaintext", SECRET, "bogus", 1)).post(base + "/k/encrypt").then().statusCode(400);
        as(user).body(Map.of("plaintext", SECRET)).post(base + "/nope/encrypt").then().statusCode(404);
        as(user).post(base + "/k/rotate").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("plaintext", SECRET)).post(base + "/k/encrypt").then()
                .statusCode(401);
        as(user).body("{\"plaintext\":\"" + "A".repeat(2_000_000) + "\"}").post(base + "/k/encrypt").then()
                .statusCode(413);

        as(admin).delete(base + "/k").then().statusCode(409);
        as(admin).body(Map.of("deletion_allowed", true)).post(base + "/k/config").then().statusCode(200);
        as(admin).delete(base + "/k").then().statusCode(204);
        as(admin).get(base + "/k").then().statusCode(404);
    }
}
