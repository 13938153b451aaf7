package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * corectl's conveniences over the APIs of the running suite, through the gateway as platform-admin: a token, a tenant
 * registered from the seed's document as YAML, shown and listed, its audit chain verified; refusals are one line.
 */
class CorectlAdminIT {

    @TempDir
    Path dir;

    private static List<String> withApi(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(Corectl.serviceOptions());
        all.addAll(List.of("--client-secret-file", Corectl.adminSecretFile().toString()));
        return all;
    }

    @Test
    void tokenPrintsOnlyAJwt() {
        Corectl.Result result = Corectl.run(withApi("token"));

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().trim().matches("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), "a JWT");
    }

    @Test
    void aTenantRegisteredFromYamlIsShownListedAndItsAuditChainVerifies() throws IOException {
        String tenant = "cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Path document = dir.resolve("tenant.yaml");
        Files.writeString(document, """
                tenant_id: %s
                name: ACME Corporation
                email: admin@acme.com
                api_quota_per_hour: 5000
                storage_quota_gb: 100.0
                features: [audio_processing, analytics]
                """.formatted(tenant), StandardCharsets.UTF_8);

        Corectl.Result created = Corectl.run(withApi("tenants", "create", "-f", document.toString()));

        assertEquals(0, created.exitCode(), created.err());
        JsonNode body = new ObjectMapper().readTree(created.out());
        assertEquals(tenant, body.path("tenant_id").asText());

        Corectl.Result again = Corectl.run(withApi("tenants", "create", "-f", document.toString()));
        assertEquals(1, again.exitCode());
        assertTrue(again.err().trim().matches("corectl: config POST /v1/tenants: HTTP 409 .*already exists.*"),
                again.err());

        Corectl.Result shown = Corectl.run(withApi("tenants", "show", tenant));
        assertEquals(0, shown.exitCode(), shown.err());
        assertEquals("ACME Corporation", new ObjectMapper().readTree(shown.out()).path("name").asText());

        Corectl.Result listed = Corectl.run(withApi("tenants", "list"));
        assertEquals(0, listed.exitCode(), listed.err());
        assertTrue(listed.out().lines().anyMatch(line -> line.startsWith(tenant + " ")), listed.out());

        Corectl.Result verified = Corectl.run(withApi("audit", "verify", "--tenant", tenant));
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.out().contains("audit chain of " + tenant + " is intact"), verified.out());

        // the registration started the tenant's provisioning: corectl lists and shows that instance
        Corectl.Result[] workflows = new Corectl.Result[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            workflows[0] = Corectl.run(withApi("workflows", "list", "--tenant", tenant, "--definition",
                    "tenant_provisioning"));
            return workflows[0].exitCode() == 0 && workflows[0].out().lines().anyMatch(l -> l.contains("tenant_provisioning"));
        });
        String instanceId = workflows[0].out().lines().filter(l -> l.contains("tenant_provisioning")).findFirst()
                .orElseThrow().split("\\s+")[0];
        Corectl.Result instance = Corectl.run(withApi("workflows", "show", "--tenant", tenant, instanceId));
        assertEquals(0, instance.exitCode(), instance.err());
        JsonNode record = new ObjectMapper().readTree(instance.out());
        assertEquals(instanceId, record.path("id").asText());
        assertEquals(tenant, record.path("tenant_id").asText());
        assertTrue(record.path("tasks").isArray() && record.path("tasks").size() > 0, instance.out());

        Corectl.Result missing = Corectl.run(withApi("workflows", "show", "--tenant", tenant,
                UUID.randomUUID().toString()));
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().trim().matches("corectl: workflows GET .*: HTTP 404 .*"), missing.err());
        assertEquals(1, missing.err().trim().lines().count(), missing.err());
    }

    @Test
    void initSeedPutsBackABuiltInRoleATenantLostAndASecondRunChangesNothing() {
        String admin = SuiteTokens.platformAdmin();
        String tenant = "seed" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        SuiteTenants.register(admin, tenant);
        given().baseUri(SuiteTokens.SECURITY.baseUrl()).auth().oauth2(admin)
                .delete("/v1/tenants/{t}/roles/auditor", tenant).then().statusCode(204);
        // the topics go under a prefix of their own: this test is about the seeding, not the suite's topics
        String prefix = "seedit-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> init = withApi("init", "--env", "dev", "--seed", "--topic-prefix", prefix,
                "--kafka-bootstrap-servers", Corectl.kafka());

        Corectl.Result first = Corectl.run(init);

        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().lines().anyMatch(line -> line.matches("seeded +" + tenant + " +added roles auditor")),
                first.out());
        given().baseUri(SuiteTokens.SECURITY.baseUrl()).auth().oauth2(admin)
                .get("/v1/tenants/{t}/roles/auditor", tenant).then().statusCode(200);

        Corectl.Result second = Corectl.run(init);

        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().lines().anyMatch(line -> line.matches("unchanged +" + tenant + " +built-in roles present")),
                second.out());
        assertTrue(second.out().contains(" 0 built-in roles added"), second.out());
        assertTrue(second.out().lines().noneMatch(line -> line.startsWith("seeded ")), second.out());
    }

    @Test
    void aWrongSecretIsOneLineAndLeaksNothing() throws IOException {
        Path wrong = dir.resolve("wrong-secret");
        Files.writeString(wrong, "not-the-secret-" + UUID.randomUUID());

        List<String> args = new ArrayList<>(List.of("tenants", "list"));
        args.addAll(Corectl.serviceOptions());
        args.addAll(List.of("--client-secret-file", wrong.toString()));
        Corectl.Result result = Corectl.run(args);

        assertEquals(1, result.exitCode());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().contains("token refused for client platform-admin: HTTP 401 invalid_client"),
                result.err());
        assertFalse(result.err().contains(Files.readString(wrong)));
    }
}
