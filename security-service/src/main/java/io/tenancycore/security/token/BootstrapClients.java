package io.tenancycore.security.token;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tenancycore.commons.tenant.TenantContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Creates (idempotently) the platform clients whose secrets the deployment gives: {@code platform-admin} from
 * {@code TENANCY_ADMIN_SECRET}, one client per service (role {@code service}) from
 * {@code tenancy.bootstrap.service-clients."<name>"} / {@code TENANCY_BOOTSTRAP_SERVICE_CLIENTS_<NAME>}. A client
 * whose secret changed gets the new hash. Without a secret there is no client: nothing has a default password.
 * What a service client may do is not stored with it: its tokens get the permissions and audiences of
 * {@link ServiceClientsConfig} at issue time.
 */
@ApplicationScoped
public class BootstrapClients {

    public static final String PLATFORM_ADMIN = "platform-admin";
    static final String SERVICE_ENV_PREFIX = "TENANCY_BOOTSTRAP_SERVICE_CLIENTS_";
    private static final Logger LOG = Logger.getLogger(BootstrapClients.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(1);

    @Inject
    BootstrapConfig config;
    @Inject
    ClientStore store;
    @Inject
    SecretHasher hasher;
    @Inject
    Clock clock;
    @Inject
    ServiceIdentities services;

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 10) StartupEvent start) {
        Map<String, Map.Entry<String, String>> wanted = new LinkedHashMap<>();
        config.adminSecret().filter(s -> !s.isBlank())
                .ifPresentOrElse(secret -> wanted.put(PLATFORM_ADMIN, Map.entry(TenantContext.PLATFORM_ADMIN_ROLE, secret)),
                        () -> LOG.warn("TENANCY_ADMIN_SECRET is not set: no platform-admin client exists"));
        for (String service : config.serviceNames()) {
            secretOf(service).ifPresent(secret -> wanted.put(service, Map.entry(TenantContext.SERVICE_ROLE, secret)));
            if (wanted.containsKey(service) && !services.isConfigured(service)) {
                LOG.warnf("service client %s has no tenancy.service-clients entry: its tokens carry no permission",
                        service);
            }
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, Map.Entry<String, String>> client : wanted.entrySet()) {
            chain = chain.chain(() -> ensure(client.getKey(), client.getValue().getKey(), client.getValue().getValue()));
        }
        chain.await().atMost(STARTUP_TIMEOUT);
        LOG.infof("platform clients ready: %s", wanted.keySet());
    }

    private Optional<String> secretOf(String service) {
        String configured = config.serviceClients().get(service);
        if (configured == null) {
            configured = System.getenv(SERVICE_ENV_PREFIX + service.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        return Optional.ofNullable(configured).filter(s -> !s.isBlank());
    }

    Uni<Void> ensure(String clientId, String role, String secret) {
        if (secret.length() < config.minSecretLength()) {
            throw new IllegalStateException("the secret of platform client " + clientId + " is shorter than "
                    + config.minSecretLength() + " characters");
        }
        return store.find(ClientStore.scopeOf(null), clientId)
                // PBKDF2 (hundreds of ms per secret): on a worker, never on the event loop that answered Redis
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(existing -> {
                    if (existing != null && hasher.matches(secret, existing.secretHash())
                            && existing.roles().equals(List.of(role))) {
                        return Uni.createFrom().voidItem();
                    }
                    OAuthClient client = existing != null
                            ? existing.withRoles(List.of(role))
                                    .withSecret(hasher.hash(secret), SecretHasher.estimatedBits(secret))
                            : new OAuthClient(clientId, null, clientId, List.of(role), hasher.hash(secret),
                                    SecretHasher.estimatedBits(secret), clock.instant(), null);
                    return store.upsert(client);
                });
    }
}
