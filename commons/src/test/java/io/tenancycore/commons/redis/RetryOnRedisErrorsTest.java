package io.tenancycore.commons.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.impl.types.ErrorType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;

/**
 * The Redis client fails a command whose connection closed (Redis restarting) with {@link ErrorType}, a Throwable that
 * is not an Exception; commons' fault-tolerance default makes every {@code @Retry} retry it like any other failure.
 */
@QuarkusTest
class RetryOnRedisErrorsTest {

    @Inject
    FlakyStore store;

    @Test
    void aConnectionClosedUnderACommandIsRetried() {
        store.failures(2, ErrorType.create("CONNECTION_CLOSED"));
        assertEquals("stored", store.write().await().atMost(Duration.ofSeconds(10)));
        assertEquals(3, store.calls(), "two failures, then the retry that succeeds");
    }

    @Test
    void abortOnStillWins() {
        store.failures(5, new IllegalArgumentException("malformed"));
        assertThrows(IllegalArgumentException.class, () -> store.write().await().atMost(Duration.ofSeconds(10)));
        assertEquals(1, store.calls(), "an abortOn failure is not retried");
    }

    @ApplicationScoped
    static class FlakyStore {

        private final AtomicInteger calls = new AtomicInteger();
        private volatile int failuresLeft;
        private volatile Throwable failure;

        int calls() {
            return calls.get();
        }

        void failures(int count, Throwable failure) {
            calls.set(0);
            this.failuresLeft = count;
            this.failure = failure;
        }

        @Retry(maxRetries = 3, delay = 10, jitter = 0, abortOn = IllegalArgumentException.class)
        Uni<String> write() {
            calls.incrementAndGet();
            if (failuresLeft-- > 0) {
                return Uni.createFrom().failure(failure);
            }
            return Uni.createFrom().item("stored");
        }
    }
}
