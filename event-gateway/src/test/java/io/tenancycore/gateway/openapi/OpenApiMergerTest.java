package io.tenancycore.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenancycore.gateway.testing.FakeServices;
import org.junit.jupiter.api.Test;

class OpenApiMergerTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode service(String name) throws Exception {
        return mapper.readTree(FakeServices.openApi(name).encode());
    }

    private ObjectNode merged() throws Exception {
        ObjectNode base = (ObjectNode) mapper.readTree("""
                {"openapi":"3.1.0","info":{"title":"gateway","version":"1"},"servers":[{"url":"http://gw"}],
                 "paths":{"/api/events/v1/tenants/{tenantId}/events":{"post":{"operationId":"publish"}}}}
                """);
        return new OpenApiMerger(base).add("config", "/api/config", service("config"))
                .add("templates", "/api/templates", service("templates")).document();
    }

    @Test
    void everyServicesPathsSitUnderItsPrefixBesideTheGatewaysOwn() throws Exception {
        JsonNode paths = merged().path("paths");
        assertTrue(paths.has("/api/config/v1/tenants/{tenantId}/config"));
        assertTrue(paths.has("/api/templates/v1/tenants/{tenantId}/templates"));
        assertTrue(paths.has("/api/events/v1/tenants/{tenantId}/events"));
        assertFalse(merged().has("servers"), "the services' own servers would bypass the gateway");
    }

    @Test
    void clashingComponentsAreKeptApartAndTheirReferencesFollow() throws Exception {
        ObjectNode merged = merged();
        JsonNode schemas = merged.path("components").path("schemas");
        assertTrue(schemas.path("Entry").path("properties").has("config_field"));
        assertTrue(schemas.path("templates_Entry").path("properties").has("templates_field"));
        assertEquals("#/components/schemas/templates_Entry", merged.at(
                "/paths/~1api~1templates~1v1~1tenants~1{tenantId}~1templates/get/responses/200/content"
                        + "/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/Entry", merged.at(
                "/paths/~1api~1config~1v1~1tenants~1{tenantId}~1config/get/responses/200/content"
                        + "/application~1json/schema/$ref").asText());
    }

    @Test
    void identicalComponentsStayOne() throws Exception {
        JsonNode schemas = merged().path("components").path("schemas");
        assertTrue(schemas.has("Problem"));
        assertFalse(schemas.has("templates_Problem"));
    }

    @Test
    void operationIdsStayUnique() throws Exception {
        ObjectNode merged = merged();
        assertEquals("list", merged.at("/paths/~1api~1config~1v1~1tenants~1{tenantId}~1config/get/operationId")
                .asText());
        assertEquals("templates_list", merged.at(
                "/paths/~1api~1templates~1v1~1tenants~1{tenantId}~1templates/get/operationId").asText());
    }
}
