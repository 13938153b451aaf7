package io.tenancycore.commons.error;

import static io.tenancycore.commons.testing.ProblemMatchers.problemType;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tenancycore.commons.testing.TestTokens;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemJsonTest {

    private static final String VALID_THING = """
            {"name": "n", "owner": "acme"}""";

    @Test
    void malformedJsonIsA400Problem() {
        postThing("{\"name\": \"n\", ")
                .statusCode(400)
                .body("type", problemType(ProblemTypes.MALFORMED_BODY))
                .body("detail", containsString("not well-formed JSON"));
        postThing("{\"name\": }").statusCode(400).body("type", problemType(ProblemTypes.MALFORMED_BODY));
    }

    @Test
    void emptyBodyIsA422ProblemNamingTheMissingBody() {
        postThing("").statusCode(422).body("violations[0].field", equalTo("thing"))
                .body("violations[0].code", equalTo("not_null"));
    }

    @Test
    void unknownFieldIsA400ProblemNamingTheField() {
        postThing("{\"name\": \"n\", \"owner\": \"acme\", \"colour\": \"red\"}")
                .statusCode(400)
                .body("type", problemType(ProblemTypes.UNKNOWN_FIELD))
                .body("detail", containsString("colour"))
                .body("violations[0].field", equalTo("colour"));
    }

    @Test
    void unknownNestedFieldIsNamedWithItsPath() {
        postThing("{\"name\": \"n\", \"owner\": \"acme\", \"limits\": {\"burst\": 1, \"rate\": 2}}")
                .statusCode(400)
                .body("violations[0].field", equalTo("limits.rate"));
    }

    @Test
    void wrongTypeIsA400ProblemNamingFieldAndExpectedType() {
        postThing("{\"name\": \"n\", \"owner\": \"acme\", \"api_quota\": \"lots\"}")
                .statusCode(400)
                .body("type", problemType(ProblemTypes.INVALID_FIELD_TYPE))
                .body("detail", equalTo("Field 'api_quota' must be an integer."))
                .body("violations[0].field", equalTo("api_quota"))
                .body("violations[0].code", equalTo("type"));
        postThing("{\"name\": \"n\", \"owner\": \"acme\", \"size\": \"HUGE\"}")
                .statusCode(400)
                .body("detail", containsString("SMALL, LARGE"));
        postThing("{\"name\": \"n\", \"owner\": \"acme\", \"features\": {\"a\": 1}}")
                .statusCode(400)
                .body("violations[0].field", equalTo("features"))
                .body("detail", containsString("an array"));
        postThing("[1, 2]").statusCode(400).body("type", problemType(ProblemTypes.INVALID_FIELD_TYPE));
    }

    @Test
    void beanValidationViolationsAreListedWithJsonFieldNames() {
        postThing("""
                {"name": " ", "owner": "Not A Tenant", "email": "nope", "api_quota": 0,
                 "features": ["sso", "teleport"], "limits": {"burst": 11}}""")
                .statusCode(422)
                .body("type", problemType(ProblemTypes.VALIDATION))
                .body("detail", equalTo("6 fields are invalid."))
                .body("violations.field", hasItems("name", "owner", "email", "api_quota", "features[1]",
                        "limits.burst"))
                .body("violations.code", hasItems("not_blank", "tenant_id", "email", "min", "size"))
                .body("violations.find { it.field == 'owner' }.message", startsWith("must be a tenant id"));
    }

    @Test
    void parameterViolationNamesTheParameter() {
        problem(given().get("/v1/public/items/0"), 422)
                .body("violations[0].field", equalTo("id"))
                .body("violations[0].code", equalTo("min"));
    }

    @Test
    void oversizedBodyWithContentLengthIsA413Problem() {
        problem(given().contentType("application/json").body(oversized()).post("/v1/public/things"), 413)
                .body("type", problemType(ProblemTypes.PAYLOAD_TOO_LARGE));
    }

    @Test
    void oversizedChunkedBodyIsA413Problem() {
        InputStream chunked = new SequenceInputStream(new ByteArrayInputStream("{\"name\": \"".getBytes()),
                new ByteArrayInputStream(new byte[8 * 1024]));
        problem(given().contentType("application/json").body(chunked)
                .post("/v1/public/things"), 413);
    }

    @Test
    void unknownPathIsA404Problem() {
        problem(given().get("/v1/nothing/here"), 404).body("detail", containsString("/v1/nothing/here"));
        problem(given().get("/not-even-v1"), 404);
    }

    @Test
    void wrongMethodIsA405Problem() {
        problem(given().delete("/v1/public/ping"), 405).body("detail", containsString("DELETE"));
    }

    @Test
    void unsupportedContentTypeIsA415Problem() {
        problem(given().contentType("text/plain").body("hello").post("/v1/public/things"), 415)
                .body("detail", containsString("text/plain"));
    }

    @Test
    void unacceptableMediaTypeIsA406Problem() {
        problem(given().accept("image/png").get("/v1/public/ping"), 406);
    }

    @Test
    void unexpectedExceptionIsA500ProblemWithoutItsMessage() {
        problem(given().get("/v1/public/boom"), 500)
                .body("type", problemType(ProblemTypes.INTERNAL))
                .body("detail", startsWith("An unexpected error occurred. Reference: "))
                .body(not(containsString("hunter2")))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("at io.")));
    }

    @Test
    void problemExceptionKeepsItsStatusAndDetail() {
        problem(given().get("/v1/public/conflict"), 409)
                .body("title", equalTo("Conflict"))
                .body("detail", equalTo("Version 3 is not the latest."));
    }

    @Test
    void noTokenOnProtectedEndpointIsA401Problem() {
        problem(given().get("/v1/protected"), 401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", problemType(ProblemTypes.UNAUTHENTICATED));
    }

    @Test
    void forgedOrExpiredTokenIsA401Problem() {
        problem(given().auth().oauth2(TestTokens.forged("acme", "tenant-admin")).get("/v1/protected"), 401);
        problem(given().auth().oauth2(TestTokens.expired("acme", "tenant-admin")).get("/v1/protected"), 401);
        problem(given().auth().oauth2("not.a.jwt").get("/v1/protected"), 401);
    }

    @Test
    void validRequestsStillWork() {
        postThing(VALID_THING).statusCode(200).body("name", equalTo("n"));
        given().auth().oauth2(TestTokens.tenantUser("acme")).get("/v1/protected").then().statusCode(200)
                .body("subject", equalTo("user@acme"));
    }

    private static ValidatableResponse postThing(String body) {
        ValidatableResponse response = given().contentType("application/json").body(body).post("/v1/public/things")
                .then();
        if (response.extract().statusCode() >= 400) {
            assertProblem(response, response.extract().statusCode());
        }
        return response;
    }

    private static ValidatableResponse problem(io.restassured.response.Response response, int status) {
        return assertProblem(response.then(), status);
    }

    private static ValidatableResponse assertProblem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("type", notNullValue())
                .body("instance", startsWith("/"))
                .body(not(containsString("Exception")))
                .header("traceparent", notNullValue());
    }

    private static String oversized() {
        return "{\"name\": \"" + "x".repeat(8 * 1024) + "\", \"owner\": \"acme\"}";
    }

    @SuppressWarnings("unused")
    private static org.hamcrest.Matcher<Iterable<? super String>> contains(String value) {
        return hasItem(value);
    }
}
