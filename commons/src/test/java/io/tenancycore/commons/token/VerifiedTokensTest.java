package io.tenancycore.commons.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final VerifiedTokens cache = new VerifiedTokens(100, clock);

    @Test
    void aVerifiedTokenIsServedForExactlyTheSameTextUntilItsExpiry() {
        JsonWebToken token = token(clock.instant().getEpochSecond() + 60);
        cache.remember("header.payload.signature", token);
        assertSame(token, cache.get("header.payload.signature").orElseThrow());
        assertTrue(cache.get("header.payload.signaturE").isEmpty(), "one character differs: not the same token");

        clock.now = clock.now.plusSeconds(59);
        assertTrue(cache.get("header.payload.signature").isPresent());
        clock.now = clock.now.plusSeconds(1);
        assertTrue(cache.get("header.payload.signature").isEmpty(), "never served at or after exp");
        assertEquals(0, cache.size());
    }

    @Test
    void expiredOrExpiryLessTokensAreNotRemembered() {
        cache.remember("expired", token(clock.instant().getEpochSecond() - 1));
        cache.remember("no-exp", token(0));
        assertTrue(cache.get("expired").isEmpty());
        assertTrue(cache.get("no-exp").isEmpty());
    }

    @Test
    void theCacheIsBounded() {
        VerifiedTokens small = new VerifiedTokens(10, clock);
        for (int i = 0; i < 1_000; i++) {
            small.remember("token-" + i, token(clock.instant().getEpochSecond() + 600));
        }
        assertTrue(small.size() <= 10, "size " + small.size());
    }

    private static JsonWebToken token(long exp) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "subject";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return (T) Map.of("exp", exp).get(claimName);
            }

            @Override
            public long getExpirationTime() {
                return exp;
            }
        };
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
