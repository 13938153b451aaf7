package io.tenancycore.security.rbac;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tenancycore.security.support.AuditCapture;
import io.tenancycore.commons.testsupport.RealBroker;
import io.tenancycore.security.support.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every attempt to put a platform role into a tenant is audited as denied, with who tried and where (real Kafka). */
@QuarkusTest
@TestProfile(RealBroker.class)
class ReservedRoleRefusalAuditIT {

    private static final Duration WAIT = Duration.ofSeconds(30);


    @Test
    void createBindAndGrantAttemptsAreAuditedAsDenied() throws Exception {
        String tenant = TestTokens.uniqueTenant("escaud");
        Map<String, String> client = TestTokens.client(tenant, List.of("tenant-admin"));
        String tenantAdmin = TestTokens.token(client.get("client_id"), client.get("client_secret"));
        String base = "/v1/tenants/" + tenant;
        try (AuditCapture audit = new AuditCapture()) {
            given().auth().oauth2(tenantAdmin).contentType(ContentType.JSON).body(Map.of("permissions", List.of("*")))
                    .put(base + "/roles/platform-admin").then().statusCode(422);
            given().auth().oauth2(tenantAdmin).contentType(ContentType.JSON).body(Map.of("roles", List.of("service")))
                    .put(base + "/bindings/" + client.get("client_id")).then().statusCode(422);
            given().auth().oauth2(tenantAdmin).contentType(ContentType.JSON)
                    .body(Map.of("name", "sneaky", "roles", List.of("platform-admin")))
                    .post(base + "/clients").then().statusCode(422);

            for (String action : List.of("role.put", "binding.put", "client.create")) {
                await().atMost(WAIT).until(() -> !audit.find(action, "tenantId", tenant).isEmpty());
                Map<String, Object> record = audit.find(action, "tenantId", tenant).get(0);
                assertEquals("denied", record.get("outcome"), action);
                assertEquals(client.get("client_id"), record.get("actor"), action);
            }
        }
    }
}
