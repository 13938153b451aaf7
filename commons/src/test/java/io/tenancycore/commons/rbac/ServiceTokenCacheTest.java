package io.tenancycore.commons.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServiceTokenCacheTest {

    /** A token endpoint that hands out numbered tokens valid for 300 s, or fails while {@code down} is set. */
    static final class FakeEndpoint implements SecurityServiceApi {
        final AtomicInteger issued = new AtomicInteger();
        volatile boolean down;

        @Override
        public Uni<ServiceToken> token(String grantType, String clientId, String clientSecret) {
            if (down) {
                return Uni.createFrom().failure(new IllegalStateException("security-service down"));
            }
            assertEquals("client_credentials", grantType);
            assertEquals("alert-service", clientId);
            return Uni.createFrom().item(new ServiceToken("t" + issued.incrementAndGet(), "Bearer", 300));
        }

        @Override
        public Uni<List<RoleGrants>> roles(String tenantId, String authorization) {
            throw new UnsupportedOperationException();
        }
    }

    static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static String bearer(ServiceTokenCache cache) {
        return cache.authorization().await().atMost(Duration.ofSeconds(1));
    }

    @Test
    void reusesTheTokenUntilShortlyBeforeItExpires() {
        FakeEndpoint endpoint = new FakeEndpoint();
        MovableClock clock = new MovableClock();
        ServiceTokenCache cache = new ServiceTokenCache(endpoint, "alert-service", () -> "s3cret",
                Duration.ofSeconds(30), clock);
        assertEquals("Bearer t1", bearer(cache));
        clock.now.set(clock.instant().plusSeconds(260));
        assertEquals("Bearer t1", bearer(cache));
        clock.now.set(clock.instant().plusSeconds(15)); // 275 s: within the 30 s margin
        assertEquals("Bearer t2", bearer(cache));
        assertEquals(2, cache.requested());
        cache.reset();
        assertEquals("Bearer t3", bearer(cache));
    }

    @Test
    void aFailedRequestIsNotRememberedAndAMissingSecretIsAClearError() {
        FakeEndpoint endpoint = new FakeEndpoint();
        ServiceTokenCache cache = new ServiceTokenCache(endpoint, "alert-service", () -> "s3cret",
                Duration.ofSeconds(30), new MovableClock());
        endpoint.down = true;
        assertThrows(IllegalStateException.class, () -> bearer(cache));
        endpoint.down = false;
        assertEquals("Bearer t1", bearer(cache));

        ServiceTokenCache noSecret = new ServiceTokenCache(endpoint, "alert-service", () -> null,
                Duration.ofSeconds(30), new MovableClock());
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> bearer(noSecret));
        assertEquals("tenancy.service-client.secret (env TENANCY_SERVICE_CLIENT_SECRET) is not set",
                missing.getMessage());
    }
}
