package io.tenancycore.security.token;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.BlockingOperationNotAllowedException;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.security.support.TestTokens;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The slow work of this service (RSA key generation, PBKDF2) never runs on an event loop, where it stalled every
 * request sharing the loop ("blocked for 2877 ms" at start): both refuse to run there, and the paths that need them
 * (signing-key rotation, bootstrap clients, which run at start) hop to a worker, even when started from an event loop.
 */
@QuarkusTest
class BlockingWorkOffEventLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Vertx vertx;
    @Inject
    SecretHasher hasher;
    @Inject
    SigningKeyRing ring;
    @Inject
    BootstrapClients bootstrap;

    @Test
    void pbkdf2IsRefusedOnAnEventLoop() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        onEventLoop().runOnContext(ignored -> {
            try {
                hasher.hash("a-secret-that-must-not-be-hashed-here");
                outcome.complete(null);
            } catch (RuntimeException e) {
                outcome.complete(e);
            }
        });
        assertInstanceOf(BlockingOperationNotAllowedException.class, outcome.get(30, TimeUnit.SECONDS));
    }

    @Test
    void signingKeyRotationStartedOnAnEventLoopGeneratesTheKeyOnAWorker() throws Exception {
        String before = ring.activeKid().orElseThrow();
        String rotated = fromEventLoop(() -> ring.rotate(before));
        assertNotNull(rotated);
        assertNotEquals(before, rotated);
        assertTrue(ring.publicKey(before).isPresent(), "the retired key still verifies");
    }

    @Test
    void bootstrapClientCheckStartedOnAnEventLoopHashesOnAWorker() throws Exception {
        long derivations = hasher.derivations();
        fromEventLoop(() -> bootstrap.ensure("config-service", TenantContext.SERVICE_ROLE,
                TestTokens.CONFIG_SERVICE_SECRET).replaceWith("checked"));
        assertTrue(hasher.derivations() > derivations, "the secret was checked");
    }

    private Context onEventLoop() {
        Context context = vertx.getOrCreateContext();
        assertTrue(context.isEventLoopContext());
        return context;
    }

    private <T> T fromEventLoop(Supplier<Uni<T>> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        onEventLoop().runOnContext(ignored -> work.get().subscribe().with(result::complete,
                result::completeExceptionally));
        return result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
