package io.tenancycore.commons.rbac;

import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * This service's own bearer token (client credentials, role {@code service}), reused until {@code refreshBefore}
 * ahead of its expiry. Concurrent callers share one token request; a failed request is not remembered.
 */
public class ServiceTokenCache {

    static final String GRANT_TYPE = "client_credentials";

    private final SecurityServiceApi api;
    private final String clientId;
    private final Supplier<String> secret;
    private final Duration refreshBefore;
    private final Clock clock;
    private final AtomicReference<Uni<Cached>> current = new AtomicReference<>();
    private final AtomicLong requested = new AtomicLong();

    /** @param secret read when a token is needed, so a missing secret fails calls, not startup */
    public ServiceTokenCache(SecurityServiceApi api, String clientId, Supplier<String> secret, Duration refreshBefore,
            Clock clock) {
        this.api = api;
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.secret = secret;
        this.refreshBefore = refreshBefore;
        this.clock = clock;
    }

    /** {@code Bearer <token>} for an {@code Authorization} header. */
    public Uni<String> authorization() {
        return Uni.createFrom().deferred(() -> {
            Uni<Cached> seen = current.get();
            Uni<Cached> shared = seen == null ? request(null) : seen;
            return shared.chain(token -> token.usableAt(clock.instant(), refreshBefore)
                    ? Uni.createFrom().item(token)
                    : request(shared));
        }).map(token -> "Bearer " + token.value());
    }

    /** Forgets the token, e.g. after a 401 because security-service no longer accepts it. */
    public void reset() {
        current.set(null);
    }

    /** Token requests sent so far (tests, diagnostics). */
    public long requested() {
        return requested.get();
    }

    private Uni<Cached> request(Uni<Cached> replacing) {
        Uni<Cached> fresh = Uni.createFrom().deferred(() -> {
            String clientSecret = secret.get();
            if (clientSecret == null || clientSecret.isBlank()) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "tenancy.service-client.secret (env TENANCY_SERVICE_CLIENT_SECRET) is not set"));
            }
            requested.incrementAndGet();
            Instant asked = clock.instant();
            return api.token(GRANT_TYPE, clientId, clientSecret)
                    .map(response -> new Cached(response.accessToken(),
                            asked.plusSeconds(Math.max(1, response.expiresIn()))));
        }).memoize().indefinitely();
        Uni<Cached> winner = current.compareAndSet(replacing, fresh) ? fresh : current.get();
        Uni<Cached> used = winner == null ? fresh : winner;
        // a failure must not stick: the next caller asks again
        return used.onFailure().invoke(() -> current.compareAndSet(used, null));
    }

    private record Cached(String value, Instant expiresAt) {

        boolean usableAt(Instant now, Duration margin) {
            return now.plus(margin).isBefore(expiresAt);
        }

        @Override
        public String toString() {
            return "Cached[expiresAt=" + expiresAt + "]";
        }
    }
}
