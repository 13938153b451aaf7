package io.tenancycore.commons.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** DESIGN's API conventions as the shared code answers them: paging, If-Match, parameter errors, problem types. */
@QuarkusTest
class ApiConventionsTest {

    private static final String PROBLEM = "urn:tenancycore:problem:commons:";

    @Test
    void pagesWalkTheWholeListWithNextCursorAndEndWithNull() {
        List<Integer> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = given().queryParam("limit", 50);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/public/numbers").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items", Integer.class));
            cursor = page.getString("next_cursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(IntStream.range(0, 120).boxed().toList(), seen);
    }

    @Test
    void defaultLimitIsFiftyAndAnEmptyListIsAnEmptyPage() {
        given().get("/v1/public/numbers").then().statusCode(200).body("items", hasSize(50));
        given().queryParam("below", 0).get("/v1/public/numbers").then().statusCode(200)
                .body("items", hasSize(0)).body("next_cursor", nullValue());
    }

    @Test
    void aLimitThatIsNotANumberOrOutOfRangeIsA400NamingTheParameter() {
        for (String limit : List.of("abc", "0", "501", "-3")) {
            given().queryParam("limit", limit).get("/v1/public/numbers").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo(PROBLEM + "invalid-parameter"))
                    .body("violations.field", contains("limit"))
                    .body("violations.code", contains("invalid_parameter"));
        }
        given().queryParam("cursor", "not-ours").get("/v1/public/numbers").then().statusCode(400)
                .body("violations.field", contains("cursor"));
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsA400NotA404() {
        given().queryParam("below", "many").get("/v1/public/numbers").then().statusCode(400)
                .body("type", equalTo(PROBLEM + "invalid-parameter"));
    }

    @Test
    void ifMatchOnAnotherVersionIs412AndTheCurrentOneOrStarPasses() {
        given().contentType("text/plain").header("If-Match", "\"6\"").body("x").put("/v1/public/versioned")
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "precondition-failed"));
        for (String tag : List.of("\"7\"", "W/\"7\"", "*", "\"5\", \"7\"")) {
            given().contentType("text/plain").header("If-Match", tag).body("x").put("/v1/public/versioned")
                    .then().statusCode(200).header("ETag", "\"8\"");
        }
        given().contentType("text/plain").body("x").put("/v1/public/versioned").then().statusCode(200);
    }

    @Test
    void everyProblemNamesTheServiceInItsType() {
        given().get("/v1/no/such/thing").then().statusCode(404)
                .body("type", equalTo(PROBLEM + "not-found"));
    }

    @Test
    void theOpenApiDocumentDescribesProblemsAndTheBearerScheme() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/v1/public/numbers'.get.responses.'400'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"));
    }
}
