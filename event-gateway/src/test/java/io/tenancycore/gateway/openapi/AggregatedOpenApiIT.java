package io.tenancycore.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.gateway.testing.GatewayProfile;
import org.junit.jupiter.api.Test;

/** {@code /api/openapi} on the public port, from the services' real HTTP answers. */
@QuarkusTest
@TestProfile(GatewayProfile.class)
class AggregatedOpenApiIT {

    @Test
    void mergesTheServicesDocumentsUnderTheirPrefixesWithoutAToken() {
        given().get("/api/openapi")
                .then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("paths", hasKey("/api/config/v1/tenants/{tenantId}/config"))
                .body("paths", hasKey("/api/templates/v1/tenants/{tenantId}/templates"))
                .body("paths", hasKey("/api/openapi"))
                .body("components.schemas", hasKey("templates_Entry"))
                .body("info.title", equalTo("Tenancy Core event-gateway API"))
                // security's document is missing (404), workflows and alerts are down: listed, not fatal
                .body("x-tenancy-unavailable-services", containsInAnyOrder("alerts", "security", "workflows"));
    }

    @Test
    void servesYamlOnRequest() {
        given().queryParam("format", "yaml").get("/api/openapi")
                .then().statusCode(200)
                .contentType(containsString("application/yaml"))
                .body(containsString("/api/config/v1/tenants/{tenantId}/config:"));
    }
}
