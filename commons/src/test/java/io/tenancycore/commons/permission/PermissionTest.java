package io.tenancycore.commons.permission;

import static io.tenancycore.commons.testing.ProblemMatchers.problemType;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.tenancycore.commons.error.Problem;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PermissionTest {

    private static final String THING = "{\"name\": \"n\", \"owner\": \"acme\"}";

    @Test
    void roleWithThePermissionIsAllowed() {
        given().auth().oauth2(TestTokens.tenantUser("acme")).get("/v1/tenants/acme/configs")
                .then().statusCode(200).body("tenant", equalTo("acme"));
    }

    @Test
    void blockingMethodsAreCheckedToo() {
        given().auth().oauth2(TestTokens.tenantUser("acme")).get("/v1/tenants/acme/configs/blocking")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.token("x@acme", "acme", "nobody")).get("/v1/tenants/acme/configs/blocking")
                .then().statusCode(403).body("detail", equalTo("Missing permission 'config:read'."));
    }

    @Test
    void missingPermissionIs403NamingIt() {
        given().auth().oauth2(TestTokens.tenantUser("acme")).contentType("application/json").body(THING)
                .put("/v1/tenants/acme/configs")
                .then().statusCode(403)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("type", problemType(ProblemTypes.PERMISSION_DENIED))
                .body("detail", equalTo("Missing permission 'config:write'."));
    }

    @Test
    void wildcardRolesAreAllowed() {
        given().auth().oauth2(TestTokens.tenantAdmin("acme")).contentType("application/json").body(THING)
                .put("/v1/tenants/acme/configs").then().statusCode(200);
        given().auth().oauth2(TestTokens.tenantAdmin("acme")).get("/v1/tenants/acme/secrets")
                .then().statusCode(200);
    }

    @Test
    void auditorReadsButNotSecrets() {
        String auditor = TestTokens.token("auditor@acme", "acme", "auditor");
        given().auth().oauth2(auditor).get("/v1/tenants/acme/configs").then().statusCode(200);
        given().auth().oauth2(auditor).get("/v1/tenants/acme/secrets")
                .then().statusCode(403).body("detail", equalTo("Missing permission 'config:secrets:read'."));
    }

    @Test
    void noTokenIs401() {
        given().get("/v1/tenants/acme/configs")
                .then().statusCode(401)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void tenantIsolationComesBeforePermissions() {
        given().auth().oauth2(TestTokens.tenantAdmin("acme")).get("/v1/tenants/globex/configs")
                .then().statusCode(403).body("type", problemType(ProblemTypes.CROSS_TENANT_ACCESS));
    }
}
