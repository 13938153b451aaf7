package io.tenancycore.security.rbac;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.cache.CacheSettings;
import io.tenancycore.commons.configclient.ServiceClientConfig;
import io.tenancycore.commons.configclient.ServiceTokens;
import io.tenancycore.commons.configclient.TokenEndpoint;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.permission.PermissionMatcher;
import io.tenancycore.commons.rbac.RemotePermissionProvider;
import io.tenancycore.commons.rbac.RemoteRbacProducers;
import io.tenancycore.commons.rbac.SecurityServiceApi;
import io.tenancycore.commons.rbac.SecurityServiceGrants;
import io.tenancycore.security.support.RealBroker;
import io.tenancycore.security.support.TestTokens;
import io.tenancycore.security.support.TopicFeed;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
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
 * credentials, Redis, change events over Kafka), the way every other service uses it with
 * {@code tenancy.rbac.provider=remote}.
 */
@QuarkusTest
@TestProfile(RealBroker.class)
class RemotePermissionProviderIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** config-service's bootstrap client in the test configuration. */
    private static final String SERVICE_CLIENT = "config-service";
    private static final String SERVICE_SECRET = "test-config-service-secret-0a1b2c3d4e5f";
    private static final Set<String> PLATFORM_ROLES = Set.of("platform-admin", "service");

    @TestHTTPResource("/")
    URL base;
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

    private RemotePermissionProvider provider(String keyPrefix, java.util.function.Function<String, Uni<List<
            io.tenancycore.commons.rbac.RoleGrants>>> lookup) {
        return new RemotePermissionProvider(lookup, RemoteRbacProducers.grantsCache(
                CacheSettings.defaults(RemotePermissionProvider.CACHE, null), mapper, redis, keyPrefix, registry),
                PLATFORM_ROLES, keyPrefix);
    }

    /** commons' service token client for {@code base}, counting the token requests it sends. */
    private static ServiceTokens serviceTokens(URL base, String secret, AtomicInteger requests) {
        TokenEndpoint endpoint = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(base.toString()))
                .build(TokenEndpoint.class);
        TokenEndpoint counting = (grant, clientId, clientSecret) -> {
            requests.incrementAndGet();
            return endpoint.clientCredentials(grant, clientId, clientSecret);
        };
        ServiceClientConfig config = new ServiceClientConfig() {
            @Override
            public Optional<String> secret() {
                return Optional.of(secret);
            }

            @Override
            public Optional<String> id() {
                return Optional.of(SERVICE_CLIENT);
            }

            @Override
            public Duration refreshBefore() {
                return Duration.ofSeconds(30);
            }
        };
        return new ServiceTokens(counting, config, "ignored-when-id-is-set");
    }

    private static boolean allowed(RemotePermissionProvider provider, String tenant, String role, String permission) {
        Set<String> granted = provider.permissionsFor(tenant, Set.of(role)).await().atMost(WAIT);
        return PermissionMatcher.anyGrants(granted, permission);
    }

    private static void putRole(String admin, String tenant, String role, List<String> permissions) {
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("permissions", permissions))
                .put("/v1/tenants/" + tenant + "/roles/" + role).then().statusCode(200);
    }

    @Test
    void grantsFollowSecurityServiceAndChangeEvents() throws Exception {
        String tenant = TestTokens.uniqueTenant("remote-rbac");
        String keyPrefix = "rbac-it-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = TestTokens.admin();
        given().auth().oauth2(admin).post("/v1/tenants/" + tenant + "/roles/defaults").then().statusCode(200);

        SecurityServiceApi api = RemoteRbacProducers.securityServiceApi(URI.create(base.toString()));
        AtomicInteger tokenRequests = new AtomicInteger();
        ServiceTokens tokens = serviceTokens(base, SERVICE_SECRET, tokenRequests);
        SecurityServiceGrants source = new SecurityServiceGrants(api, tokens::authorization, tokens::reset);
        RemotePermissionProvider provider = provider(keyPrefix, source::grants);
        // the provider follows tenancy.security-changes on the real broker, as RbacChangeListener feeds it in a service
        TopicFeed changes = new TopicFeed(Topics.SECURITY_CHANGES,
                event -> provider.onSecurityChange(event).await().atMost(WAIT));
        try {

            // the default roles come from security-service
            assertTrue(allowed(provider, tenant, "auditor", "audit:read"));
            assertFalse(allowed(provider, tenant, "auditor", "keys:rotate"));
            assertFalse(allowed(provider, tenant, "reporter", "reports:export"), "no such role yet");
            assertEquals(1, provider.lookups());

            // grant → allowed once the change event arrived
            putRole(admin, tenant, "reporter", List.of("reports:*"));
            await().atMost(WAIT).until(() -> allowed(provider, tenant, "reporter", "reports:export"));
            long lookups = provider.lookups();
            assertEquals(2, lookups);

            // cached: a change written behind security-service's back (no event) is not seen, and nothing is asked
            store.putRole(tenant, new Role("reporter", List.of(), "silent", false)).await().atMost(WAIT);
            for (int i = 0; i < 50; i++) {
                assertTrue(allowed(provider, tenant, "reporter", "reports:export"));
            }
            assertEquals(lookups, provider.lookups());
            // another replica (empty memory) is served from Redis: its security-service lookup would fail
            RemotePermissionProvider replica = provider(keyPrefix,
                    tenantId -> Uni.createFrom().failure(new IllegalStateException("must not be called")));
            assertTrue(allowed(replica, tenant, "reporter", "reports:export"));
            assertEquals(0, replica.lookups());

            // revoke → denied after the event
            putRole(admin, tenant, "reporter", List.of("reports:read"));
            await().atMost(WAIT).until(() -> !allowed(provider, tenant, "reporter", "reports:export"));
            assertTrue(allowed(provider, tenant, "reporter", "reports:read"));

            // platform roles hold everything without a lookup; a caller without roles holds nothing
            long before = provider.lookups();
            assertTrue(allowed(provider, tenant, "service", "keys:rotate"));
            assertEquals(Set.of(), provider.permissionsFor(tenant, Set.of()).await().atMost(WAIT));
            assertEquals(before, provider.lookups());
            // one token for all those calls
            assertEquals(1, tokenRequests.get());
        } finally {
            changes.close();
            redis.key().del(keyPrefix + ":{" + tenant + "}:" + RemotePermissionProvider.CACHE).await().atMost(WAIT);
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
            redis.key().del("security-service:{" + tenant + "}:" + RemotePermissionProvider.CACHE).await()
                    .atMost(WAIT);
        }
    }

    @Test
    void securityServiceUnreachableIsA503NeverAGrant() {
        String keyPrefix = "rbac-it-" + UUID.randomUUID().toString().substring(0, 8);
        SecurityServiceApi dead = RemoteRbacProducers.securityServiceApi(URI.create("http://127.0.0.1:1"));
        ServiceTokens deadTokens = serviceTokens(unreachable(), SERVICE_SECRET, new AtomicInteger());
        RemotePermissionProvider provider = provider(keyPrefix,
                new SecurityServiceGrants(dead, deadTokens::authorization, deadTokens::reset)::grants);
        Throwable failure = assertThrows(RuntimeException.class, () -> provider
                .permissionsFor(TestTokens.uniqueTenant("down"), Set.of("tenant-admin")).await().atMost(WAIT));
        if (failure instanceof CompletionException) {
            failure = failure.getCause();
        }
        assertInstanceOf(ProblemException.class, failure);
        assertEquals(503, ((ProblemException) failure).status());
        // a bad secret is refused by security-service the same way
        SecurityServiceApi api = RemoteRbacProducers.securityServiceApi(URI.create(base.toString()));
        AtomicInteger refusedRequests = new AtomicInteger();
        ServiceTokens wrong = serviceTokens(base, "wrong-secret", refusedRequests);
        RemotePermissionProvider wrongSecret = provider(keyPrefix,
                new SecurityServiceGrants(api, wrong::authorization, wrong::reset)::grants);
        ProblemException refused = assertThrows(ProblemException.class, () -> wrongSecret
                .permissionsFor(TestTokens.uniqueTenant("bad"), Set.of("tenant-admin")).await().atMost(WAIT));
        assertEquals(503, refused.status());
    }

    private static URL unreachable() {
        try {
            return URI.create("http://127.0.0.1:1").toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
