package io.tenancycore.security.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tenancycore.security.support.TestTokens;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** What OAuth2 clients expect: RFC 6749 errors, RFC 6750 challenges, a discovery document. */
@QuarkusTest
class OAuthConventionsTest {

    private static RequestSpecification tokenRequest() {
        return given().contentType(ContentType.URLENC);
    }

    @Test
    void tokenEndpointErrorsAreRfc6749() {
        tokenRequest().formParam("grant_type", "password").formParam("client_id", "platform-admin")
                .formParam("client_secret", TestTokens.ADMIN_SECRET).post("/v1/auth/token").then().statusCode(400)
                .contentType("application/json").header("Cache-Control", "no-store")
                .body("error", equalTo("unsupported_grant_type")).body("error_description", not(equalTo(null)))
                .body("$", not(hasKey("type")));
        tokenRequest().formParam("client_id", "platform-admin").formParam("client_secret", "x")
                .post("/v1/auth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
        tokenRequest().formParam("grant_type", "client_credentials").post("/v1/auth/token").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        tokenRequest().formParam("grant_type", "client_credentials").formParam("client_id", "platform-admin")
                .formParam("client_secret", "wrong").post("/v1/auth/token").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Basic realm=\"tenancy-core\""))
                .body("error", equalTo("invalid_client"));
        // HTTP Basic (RFC 6749 2.3.1) refused the same way
        tokenRequest().auth().preemptive().basic("platform-admin", "wrong").formParam("grant_type",
                "client_credentials").post("/v1/auth/token").then().statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void protectedEndpointsChallengeWithBearer() {
        given().get("/v1/tenants/acme-corp/keys").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .contentType("application/problem+json");
        given().auth().oauth2("not-a-token").get("/v1/tenants/acme-corp/keys").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"));
    }

    @Test
    void discoveryNamesIssuerTokenEndpointAndJwks() {
        String jwks = given().get("/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", equalTo("tenancy-core"))
                .body("token_endpoint", endsWith("/v1/auth/token"))
                .body("jwks_uri", endsWith("/.well-known/jwks.json"))
                .body("grant_types_supported", hasItem("client_credentials"))
                .body("token_endpoint_auth_methods_supported", hasItem("client_secret_basic"))
                .extract().path("jwks_uri");
        // the URIs are absolute and lead to the real endpoints
        given().get(URI.create(jwks)).then().statusCode(200).body("keys.size()", not(equalTo(0)));
        // the issuer is what tokens carry
        org.junit.jupiter.api.Assertions.assertEquals("tenancy-core", TestTokens.claims(TestTokens.admin()).get("iss"));
    }
}
