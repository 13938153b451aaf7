package io.tenancycore.security.token;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenancycore.security.support.RedisClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The token endpoint's limits against real Redis, counted once across two "replicas". */
class TokenRateLimiterIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static String unique(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void requestsPerAddressAreCountedAcrossReplicas() {
        try (RedisClients redis = new RedisClients()) {
            TokenRateLimiter first = new TokenRateLimiter(redis.dataSource(), 3, 5, Duration.ofMinutes(1));
            TokenRateLimiter second = new TokenRateLimiter(redis.dataSource(), 3, 5, Duration.ofMinutes(1));
            String address = unique("198.51.100.7");
            String otherAddress = unique("2001:db8::7");
            List<TokenRateLimiter.Verdict> verdicts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                verdicts.add((i % 2 == 0 ? first : second).request(address).await().atMost(WAIT));
            }
            assertEquals(5, verdicts.stream().filter(TokenRateLimiter.Verdict::allowed).count());
            assertTrue(verdicts.subList(0, 5).stream().allMatch(TokenRateLimiter.Verdict::allowed));
            assertEquals(1, verdicts.stream().filter(TokenRateLimiter.Verdict::firstRefusal).count(),
                    "one refusal per window is marked for the audit log");
            assertTrue(verdicts.get(5).firstRefusal());
            Duration retryAfter = verdicts.get(7).retryAfter();
            assertTrue(!retryAfter.isNegative() && retryAfter.compareTo(Duration.ofMinutes(1)) <= 0);
            // another address is not affected
            assertTrue(second.request(otherAddress).await().atMost(WAIT).allowed());
        }
    }

    @Test
    void onlyFailuresCountPerClientAndTheLockEndsWithTheWindow() {
        try (RedisClients redis = new RedisClients()) {
            TokenRateLimiter first = new TokenRateLimiter(redis.dataSource(), 3, 100, Duration.ofSeconds(2));
            TokenRateLimiter second = new TokenRateLimiter(redis.dataSource(), 3, 100, Duration.ofSeconds(2));
            String client = unique("client");
            for (int i = 0; i < 10; i++) {
                assertTrue(first.mayTry(client).await().atMost(WAIT).allowed(), "tries alone do not count");
            }
            first.failed(client).await().atMost(WAIT);
            second.failed(client).await().atMost(WAIT);
            assertTrue(second.mayTry(client).await().atMost(WAIT).allowed());
            first.failed(client).await().atMost(WAIT);
            TokenRateLimiter.Verdict locked = second.mayTry(client).await().atMost(WAIT);
            assertFalse(locked.allowed());
            assertTrue(locked.firstRefusal());
            assertFalse(first.mayTry(client).await().atMost(WAIT).firstRefusal());
            // the window is not stretched by refused tries: the client may try again once it ends
            await().atMost(Duration.ofSeconds(10)).until(() -> first.mayTry(client).await().atMost(WAIT).allowed());
        }
    }
}
