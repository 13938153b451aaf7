package io.tenancycore.commons.configclient;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * This service's own bearer token for calls to other services (role {@code service}), obtained with client
 * credentials from security-service and reused until shortly before it expires. Concurrent callers share one
 * request for a new token.
 */
@ApplicationScoped
public class ServiceTokens {

    static final String GRANT = "client_credentials";

    private final TokenEndpoint endpoint;
    private final ServiceClientConfig config;
    private final String clientId;
    private final AtomicReference<Uni<Cached>> current = new AtomicReference<>();

    public ServiceTokens(@RestClient TokenEndpoint endpoint, ServiceClientConfig config,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.endpoint = endpoint;
        this.config = config;
        this.clientId = config.id().orElse(applicationName);
    }

    /** {@code Bearer <token>}, for an {@code Authorization} header. */
    public Uni<String> authorization() {
        return token().map(token -> "Bearer " + token);
    }

    public Uni<String> token() {
        Uni<Cached> cached = current.get();
        if (cached == null) {
            cached = refresh(null);
        }
        return cached.chain(token -> token.usable(config.refreshBefore().toSeconds())
                ? Uni.createFrom().item(token) : refresh(current.get()))
                .map(Cached::token);
    }

    /** Forget the token, e.g. after a 401 from a callee that rotated its keys. */
    public void reset() {
        current.set(null);
    }

    private Uni<Cached> refresh(Uni<Cached> seen) {
        String secret = config.secret().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "tenancy.service-client.secret (env TENANCY_SERVICE_CLIENT_SECRET) is not set"));
        Uni<Cached> fresh = endpoint.clientCredentials(GRANT, clientId, secret)
                .map(response -> new Cached(response.accessToken(),
                        Instant.now().plusSeconds(Math.max(1, response.expiresIn()))))
                .onFailure().invoke(() -> current.set(null))
                .memoize().indefinitely();
        // a lost race just means two requests for a token; the winner is what later callers share
        return current.compareAndSet(seen, fresh) ? fresh : current.get() == null ? fresh : current.get();
    }

    private record Cached(String token, Instant expiresAt) {
        boolean usable(long marginSeconds) {
            return Instant.now().plusSeconds(marginSeconds).isBefore(expiresAt);
        }

        @Override
        public String toString() {
            return "Cached[expiresAt=" + expiresAt + "]";
        }
    }
}
