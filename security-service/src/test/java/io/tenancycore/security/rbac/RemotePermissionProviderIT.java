package io.tenancycore.security.rbac;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.cache.CacheSettings;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.permission.PermissionMatcher;
import io.tenancycore.commons.rbac.RbacView;
import io.tenancycore.commons.rbac.RemotePermissionProvider;
import io.tenancycore.commons.rbac.RemoteRbacProducers;
import io.tenancycore.commons.rbac.SecurityServiceApi;
import io.quarkus.oidc.client.OidcClientException;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.test.common.QuarkusTestResource;
import io.tenancycore.security.support.FreeHttpPort;
import io.tenancycore.security.support.IncomingCalls;
import io.tenancycore.security.support.TestTokens;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import io.tenancycore.commons.testsupport.RealBroker;
import io.tenancycore.commons.testsupport.TopicFeed;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * commons' remote permission provider against this service running for real (HTTP, the service's own client
 * credentials obtained by commons' OIDC client at this service's token endpoint, Redis, change events over Kafka), the
 * way every other service uses it with {@code tenancy.rbac.provider=remote}. The test configuration makes the OIDC
 * client config-service's.
 */
@QuarkusTest
@QuarkusTestResource(value = FreeHttpPort.class, restrictToAnnotatedClass = false)
@TestProfile(RealBroker.class)
class RemotePermissionProviderIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** config-service's bootstrap client in the test configuration. */
    private static final String SERVICE_CLIENT = "config-service";
    private static final Set<String> PLATFORM_ROLES = Set.of("platform-admin", "service");

    /** The client every service uses, with the service's own token (config-service's here). */
    @RestClient
    SecurityServiceApi securityService;
    /** The same call by a service whose secret this service refuses. */
    @RestClient
    WrongSecretRoles wrongSecret;
    @Inject
    IncomingCalls calls;
    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    MeterRegistry registry;
    @Inject
    ObjectMapper mapper;
    @Inject
    RbacStore store;
    /** The provider as commons' CDI wiring builds it (fault tolerance, config, tiered cache). */
    @Inject
    Instance<RemotePermissionProvider> wired;

    private RemotePermissionProvider provider(String keyPrefix,
            java.util.function.Function<String, Uni<RbacView>> lookup) {
        return new RemotePermissionProvider(lookup, RemoteRbacProducers.grantsCache(
                CacheSettings.defaults(RemotePermissionProvider.CACHE, null), mapper, redis, keyPrefix, registry),
                PLATFORM_ROLES, keyPrefix);
    }

    /** security-service's roles API, called with the OIDC client {@code wrong-secret} (test configuration). */
    @RegisterRestClient(configKey = "security-service")
    @OidcClientFilter("wrong-secret")
    @Path("/v1")
    public interface WrongSecretRoles {
        @GET
        @Path("/tenants/{tenantId}/rbac")
        @Produces(MediaType.APPLICATION_JSON)
        Uni<RbacView> rbac(@PathParam("tenantId") String tenantId);
    }

    private static String rolesPath(String tenant) {
        return "/v1/tenants/" + tenant + "/rbac";
    }

    private static boolean allowed(RemotePermissionProvider provider, String tenant, String role, String permission) {
        Set<String> granted = provider.permissionsFor(tenant, Set.of(role)).await().atMost(WAIT);
        return PermissionMatcher.anyGrants(granted, permission);
    }

    private static void putRole(String admin, String tenant, String role, List<String> permissions) {
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("permissions", permissions))
                .put("/v1/tenants/" + tenant + "/roles/" + role).then().statusCode(oneOf(200, 201));
    }

    @Test
    void grantsFollowSecurityServiceAndChangeEvents() throws Exception {
        String tenant = TestTokens.uniqueTenant("remote-rbac");
        String keyPrefix = "rbac-it-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = TestTokens.admin();
        given().auth().oauth2(admin).post("/v1/tenants/" + tenant + "/roles/defaults").then().statusCode(200);

        RemotePermissionProvider provider = provider(keyPrefix, securityService::rbac);
        // the provider follows tenancy.security-changes on the real broker, as RbacChangeListener feeds it in a service
        TopicFeed changes = new TopicFeed(Topics.SECURITY_CHANGES,
                event -> provider.onSecurityChange(event).await().atMost(WAIT));
        try {

            // the default roles come from security-service
            assertTrue(allowed(provider, tenant, "auditor", "audit:read"));
            assertFalse(allowed(provider, tenant, "auditor", "keys:rotate"));
            assertFalse(allowed(provider, tenant, "reporter", "compliance:read"), "no such role yet");
            assertEquals(1, provider.lookups());

            // grant → allowed once the change event arrived
            putRole(admin, tenant, "reporter", List.of("compliance:*"));
            await().atMost(WAIT).until(() -> allowed(provider, tenant, "reporter", "compliance:read"));
            long lookups = provider.lookups();
            assertEquals(2, lookups);

            // cached: a change written behind security-service's back (no event) is not seen, and nothing is asked
            store.putRole(tenant, new Role("reporter", List.of(), "silent", false)).await().atMost(WAIT);
            for (int i = 0; i < 50; i++) {
                assertTrue(allowed(provider, tenant, "reporter", "compliance:read"));
            }
            assertEquals(lookups, provider.lookups());
            // another replica (empty memory) is served from Redis: its security-service lookup would fail
            RemotePermissionProvider replica = provider(keyPrefix,
                    tenantId -> Uni.createFrom().failure(new IllegalStateException("must not be called")));
            assertTrue(allowed(replica, tenant, "reporter", "compliance:read"));
            assertEquals(0, replica.lookups());

            // revoke → denied after the event
            putRole(admin, tenant, "reporter", List.of("audit:read"));
            await().atMost(WAIT).until(() -> !allowed(provider, tenant, "reporter", "compliance:read"));
            assertTrue(allowed(provider, tenant, "reporter", "audit:read"));

            // platform roles hold everything without a lookup; a caller without roles holds nothing
            long before = provider.lookups();
            assertTrue(allowed(provider, tenant, "service", "keys:rotate"));
            assertEquals(Set.of(), provider.permissionsFor(tenant, Set.of()).await().atMost(WAIT));
            assertEquals(before, provider.lookups());
            // every lookup carried the service's token, one token for all of them
            List<IncomingCalls.Call> received = calls.to(rolesPath(tenant));
            assertEquals(provider.lookups(), received.size());
            assertTrue(received.stream().allMatch(call -> call.bearer().isPresent()), "a lookup without a token");
            assertEquals(1, received.stream().map(call -> call.bearer().orElseThrow()).distinct().count());
        } finally {
            changes.close();
            redis.key().del(keyPrefix + ":{" + tenant + "}:rbac-view").await().atMost(WAIT);
        }
    }

    @Test
    void theCdiWiredProviderReadsGrantsWithItsOwnServiceToken() {
        String tenant = TestTokens.uniqueTenant("remote-cdi");
        given().auth().oauth2(TestTokens.admin()).post("/v1/tenants/" + tenant + "/roles/defaults").then()
                .statusCode(200);
        RemotePermissionProvider provider = wired.get();
        try {
            assertTrue(allowed(provider, tenant, "tenant-user", "keys:encrypt"));
            assertFalse(allowed(provider, tenant, "tenant-user", "keys:rotate"));
            assertTrue(allowed(provider, tenant, "tenant-admin", "keys:rotate"));
        } finally {
            redis.key().del("security-service:{" + tenant + "}:rbac-view").await()
                    .atMost(WAIT);
        }
        // the lookup carried a token this service issued to config-service's client: its identity, its audiences
        // (this service among them, which checked it) and its scope, never a tenant. Usually one lookup; a second
        // when the change event of the defaults above arrives after the first lookup and drops the cached view.
        List<IncomingCalls.Call> lookups = calls.to(rolesPath(tenant));
        assertFalse(lookups.isEmpty(), "no lookup reached security-service");
        for (IncomingCalls.Call lookup : lookups) {
            Map<String, Object> claims = TestTokens.claims(lookup.bearer().orElseThrow());
            assertEquals(SERVICE_CLIENT, claims.get("sub"));
            assertEquals(List.of("security-service", "config-service"), claims.get("aud"));
            assertTrue(List.of(String.valueOf(claims.get("scope")).split(" ")).contains("roles:read"),
                    claims.toString());
            assertFalse(claims.containsKey("tenant_id"));
        }
    }

    @Test
    void aSubjectHoldsItsCurrentBindingsNotItsTokensGroups() throws Exception {
        String tenant = TestTokens.uniqueTenant("remote-live");
        String keyPrefix = "rbac-it-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = TestTokens.admin();
        String client = TestTokens.client(tenant, List.of("tenant-user")).get("client_id");
        RemotePermissionProvider provider = provider(keyPrefix, securityService::rbac);
        TopicFeed changes = new TopicFeed(Topics.SECURITY_CHANGES,
                event -> provider.onSecurityChange(event).await().atMost(WAIT));
        try {
            // roles a token claims do not count for a tenant subject: what the tenant gives the subject does
            Set<String> held = provider.permissionsFor(tenant, client, Set.of("tenant-admin")).await().atMost(WAIT);
            assertTrue(PermissionMatcher.anyGrants(held, "keys:encrypt"));
            assertFalse(PermissionMatcher.anyGrants(held, "audit:read"));

            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("roles", List.of("auditor")))
                    .put("/v1/tenants/" + tenant + "/bindings/" + client).then().statusCode(201);
            await().atMost(WAIT).until(() -> PermissionMatcher.anyGrants(
                    provider.permissionsFor(tenant, client, Set.of()).await().atMost(WAIT), "audit:read"));

            given().auth().oauth2(admin).delete("/v1/tenants/" + tenant + "/bindings/" + client).then()
                    .statusCode(204);
            await().atMost(WAIT).until(() -> !PermissionMatcher.anyGrants(
                    provider.permissionsFor(tenant, client, Set.of("auditor")).await().atMost(WAIT), "audit:read"));
            // a subject the tenant does not know holds nothing
            assertEquals(Set.of(), provider.permissionsFor(tenant, "nobody", Set.of("tenant-admin")).await()
                    .atMost(WAIT));
        } finally {
            changes.close();
            redis.key().del(keyPrefix + ":{" + tenant + "}:rbac-view").await().atMost(WAIT);
        }
    }

    @Test
    void securityServiceUnreachableIsA503NeverAGrant() {
        String keyPrefix = "rbac-it-" + UUID.randomUUID().toString().substring(0, 8);
        SecurityServiceApi dead = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create("http://127.0.0.1:1"))
                .connectTimeout(2, java.util.concurrent.TimeUnit.SECONDS).build(SecurityServiceApi.class);
        RemotePermissionProvider provider = provider(keyPrefix, dead::rbac);
        Throwable failure = assertThrows(RuntimeException.class, () -> provider
                .permissionsFor(TestTokens.uniqueTenant("down"), Set.of("tenant-admin")).await().atMost(WAIT));
        if (failure instanceof CompletionException) {
            failure = failure.getCause();
        }
        assertInstanceOf(ProblemException.class, failure);
        assertEquals(503, ((ProblemException) failure).status());
    }

    @Test
    void aRefusedTokenRequestFailsTheCallAtOnceWithTheRefusalAndIsA503() {
        String tenant = TestTokens.uniqueTenant("bad-secret");
        // the call is not sent without a token: it fails with the token endpoint's answer, well within the bound
        OidcClientException refusal = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(OidcClientException.class, () -> wrongSecret.rbac(tenant).await().atMost(WAIT)));
        assertTrue(refusal.getMessage().contains("invalid_client"), refusal.getMessage());
        assertEquals(0, calls.count(rolesPath(tenant)), "no roles request went out");

        RemotePermissionProvider provider = provider("rbac-it-" + UUID.randomUUID().toString().substring(0, 8),
                wrongSecret::rbac);
        ProblemException refused = assertThrows(ProblemException.class, () -> provider
                .permissionsFor(tenant, Set.of("tenant-admin")).await().atMost(WAIT));
        assertEquals(503, refused.status());
    }
}
