package io.tenancycore.workflow.provisioning;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.tenancycore.commons.events.EventPublisher;
import io.tenancycore.commons.events.TenantEvents;
import io.tenancycore.commons.redis.TenantKeys;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.workflow.testing.Docs;
import io.tenancycore.workflow.testing.FakePlatform;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * tenant_provisioning and tenant_deprovisioning against stand-ins of our services (a real HTTP server) and a real
 * SMTP server: every call carries the service's own token; the tenant gets roles, keys, an admin client, its
 * configuration, a welcome mail, and becomes active; a failing step undoes everything; the client secret is never kept.
 */
@QuarkusTest
@TestProfile(FakePlatformProfile.class)
class ProvisioningTest {

    private static final FakePlatform PLATFORM = FakePlatformProfile.PLATFORM;

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    RedisDataSource redis;

    static String startTemplate(String tenant, String template, String input) {
        return given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .body("{\"template\":\"" + template + "\",\"tenant_id\":\"" + tenant + "\",\"input\":" + input + "}")
                .post("/v1/tenants/" + tenant + "/workflows/instances").then().statusCode(201).extract().path("id");
    }

    static JsonPath awaitEnd(String tenant, String id) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = given().auth().oauth2(TestTokens.platformAdmin())
                    .get("/v1/tenants/" + tenant + "/workflows/instances/" + id).then().statusCode(200).extract()
                    .jsonPath();
            return List.of("completed", "failed", "cancelled").contains(last[0].getString("status"));
        });
        return last[0];
    }

    private static String provisioningInput(String tenant) {
        return "{\"tenant_config\":{\"tenant_id\":\"" + tenant + "\"}}";
    }

    private List<String> published(String type, String tenant) {
        return connector.sink(EventPublisher.CHANNEL).received().stream()
                .filter(m -> m.getMetadata(OutgoingCloudEventMetadata.class)
                        .map(ce -> type.equals(ce.getType()) && tenant.equals(ce.getSubject().orElse(null)))
                        .orElse(false))
                .map(m -> new String((byte[]) m.getPayload(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aRegisteredTenantIsProvisionedActivatedAndAnnounced() throws Exception {
        String tenant = Docs.tenant();
        FakePlatform.Tenant registered = PLATFORM.register(tenant, "admin@" + tenant + ".example");
        String id = startTemplate(tenant, "tenant_provisioning", provisioningInput(tenant));
        JsonPath done = awaitEnd(tenant, id);
        assertEquals("completed", done.getString("status"), done.prettify());
        assertEquals("provisioned", done.getString("output.status"));
        assertEquals("sent", done.getString("output.welcome_email"));

        assertEquals("active", registered.status);
        assertEquals(java.util.Set.of("tenant-admin", "tenant-user", "auditor"), registered.roles);
        assertEquals(java.util.Set.of("default"), registered.keys.keySet());
        assertEquals(1, registered.clients.size());
        assertEquals("admin", registered.clients.values().iterator().next());
        assertEquals(done.getString("output.admin_client"), registered.clients.keySet().iterator().next());
        assertEquals("basic", registered.config.get("tenant.plan"));
        assertEquals(5000, registered.config.get("quotas.api_per_hour"));

        // every call went with the service's own token
        assertTrue(PLATFORM.requests(tenant).stream()
                .allMatch(r -> ("Bearer " + FakePlatform.SERVICE_TOKEN).equals(r.authorization())));
        // the welcome mail reached the tenant's address, once
        MimeMessage[] mails = FakePlatformProfile.SMTP.getReceivedMessages();
        List<MimeMessage> ours = Arrays.stream(mails).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals("admin@" + tenant + ".example");
            } catch (Exception e) {
                return false;
            }
        }).toList();
        assertEquals(1, ours.size());
        assertEquals("Welcome to Tenancy Core", ours.get(0).getSubject());
        // the admin client's secret is kept nowhere: not in the record, not in the journal
        String secret = "secret-of-" + registered.clients.keySet().iterator().next();
        assertFalse(done.prettify().contains(secret));
        String journal = redis.value(String.class).get(TenantKeys.key("workflow", tenant, "journal:" + id));
        assertNotNull(journal);
        assertFalse(journal.contains(secret), "the journal holds the client secret");

        await().atMost(Duration.ofSeconds(10)).until(() -> published(TenantEvents.PROVISIONED, tenant).size() == 1);

        // deprovisioning removes it all again and deletes the tenant
        String gone = startTemplate(tenant, "tenant_deprovisioning", "{\"tenant_id\":\"" + tenant + "\"}");
        JsonPath removed = awaitEnd(tenant, gone);
        assertEquals("completed", removed.getString("status"), removed.prettify());
        assertTrue(registered.keys.isEmpty());
        assertTrue(registered.clients.isEmpty());
        assertEquals(Map.of("provisioning.status", "deprovisioned"), Map.copyOf(registered.config));
        assertEquals("deleted", registered.status);
    }

    @Test
    void aFailingStepUndoesEverythingAndTheTenantIsNotActivated() {
        String tenant = Docs.tenant();
        FakePlatform.Tenant registered = PLATFORM.register(tenant, "admin@" + tenant + ".example");
        // the platform's default keys name one that security-service refuses (422): the key step fails after the
        // first key, the roles and the configuration were created
        PLATFORM.global.put("provisioning.default_keys", List.of("default", "Not A Key"));
        try {
            assertProvisioningFailsAndIsUndone(tenant, registered, "422");
        } finally {
            PLATFORM.global.remove("provisioning.default_keys");
        }
    }

    @Test
    void aServiceThatStopsAnsweringMidRunIsUndoneLikeAFailingStep() {
        String tenant = Docs.tenant();
        FakePlatform.Tenant registered = PLATFORM.register(tenant, "admin@" + tenant + ".example");
        // security-service dies while the admin client is created: roles, keys and configuration exist by then
        PLATFORM.cutConnections("POST", "/clients");
        try {
            assertProvisioningFailsAndIsUndone(tenant, registered, "errors/communication (status 503)");
        } finally {
            PLATFORM.cutConnections(null, null);
        }
        assertTrue(PLATFORM.requests(tenant).stream().anyMatch(r -> r.method().equals("POST")
                && r.path().endsWith("/clients")), "the client creation was attempted");
    }

    /**
     * Runs the provisioning of {@code tenant} and checks it failed and undid everything: the tenant is failed with its
     * reason, no key, client or configuration is left, and the published outcome names {@code cause}.
     */
    private void assertProvisioningFailsAndIsUndone(String tenant, FakePlatform.Tenant registered, String cause) {
        String id = startTemplate(tenant, "tenant_provisioning", provisioningInput(tenant));
        JsonPath failed = awaitEnd(tenant, id);
        assertEquals("failed", failed.getString("status"), failed.prettify());
        assertTrue(failed.getString("error").contains("provisioning-failed"), failed.getString("error"));
        assertEquals("failed", registered.status);
        assertEquals("provisioning failed and was undone; see workflow instance " + id, registered.statusReason);
        assertTrue(registered.keys.isEmpty(), "keys left: " + registered.keys);
        assertTrue(registered.clients.isEmpty(), "clients left: " + registered.clients);
        assertEquals(Map.of("provisioning.status", "failed"), Map.copyOf(registered.config), "config left");
        await().atMost(Duration.ofSeconds(10)).until(() -> published(TenantEvents.PROVISIONING_FAILED, tenant).size() == 1);
        String outcome = published(TenantEvents.PROVISIONING_FAILED, tenant).get(0);
        assertTrue(outcome.contains(cause), outcome);
    }

    @Test
    void theWelcomeMailIsRetriedThenGivenUpWithoutFailingTheProvisioning() {
        String tenant = Docs.tenant();
        FakePlatform.Tenant registered = PLATFORM.register(tenant, "admin@" + tenant + ".example");
        PLATFORM.renderDown(true);
        try {
            String id = startTemplate(tenant, "tenant_provisioning", provisioningInput(tenant));
            JsonPath done = awaitEnd(tenant, id);
            assertEquals("completed", done.getString("status"), done.prettify());
            assertEquals("not_sent", done.getString("output.welcome_email"));
        } finally {
            PLATFORM.renderDown(false);
        }
        assertEquals("active", registered.status);
        long renders = PLATFORM.requests(tenant).stream().filter(r -> r.path().endsWith("/render")).count();
        assertTrue(renders > 1, "the render was retried: " + renders);
    }

    @Test
    void aTenantCannotBeProvisionedTwiceNorFromAnotherTenantsInput() {
        String tenant = Docs.tenant();
        FakePlatform.Tenant registered = PLATFORM.register(tenant, "admin@" + tenant + ".example");
        registered.status = "active";
        JsonPath again = awaitEnd(tenant, startTemplate(tenant, "tenant_provisioning", provisioningInput(tenant)));
        assertEquals("failed", again.getString("status"));
        assertTrue(again.getString("error").contains("tenant-not-provisionable"), again.getString("error"));
        JsonPath other = awaitEnd(tenant, startTemplate(tenant, "tenant_provisioning",
                provisioningInput("someone_else")));
        assertEquals("failed", other.getString("status"));
        assertTrue(other.getString("error").contains("invalid-input"), other.getString("error"));
        assertTrue(registered.keys.isEmpty() && registered.clients.isEmpty());
        assertEquals(Map.of(), Map.copyOf(registered.config));
    }
}
