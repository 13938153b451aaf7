package io.tenancycore.config.secret;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.transit.TransitApi;
import io.tenancycore.config.support.ConfigProblems;
import io.tenancycore.config.support.ConfigServiceConfig;
import io.tenancycore.config.support.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Secrets through security-service's transit engine: a per-tenant key ({@code tenancy.config.secret-key-name}),
 * created on first use; the client sends this service's own client-credentials token ({@link TransitApi}). Failures become a 503
 * problem; neither plaintext nor ciphertext is ever logged.
 */
@ApplicationScoped
public class TransitSecretCipher implements SecretCipher {

    private static final Logger LOG = Logger.getLogger(TransitSecretCipher.class);
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;

    private final TransitApi transit;
    private final String keyName;
    /** Tenants whose key is known to exist, so the create call is made once per tenant and replica. */
    private final Set<String> keysReady = ConcurrentHashMap.newKeySet();

    public TransitSecretCipher(@RestClient TransitApi transit, ConfigServiceConfig config) {
        this.transit = transit;
        this.keyName = config.secretKeyName();
    }

    @Override
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "encryptUnavailable")
    public Uni<String> encrypt(String tenantId, JsonNode value) {
        String plaintext = Base64.getEncoder().encodeToString(Json.write(value).getBytes(StandardCharsets.UTF_8));
        return ensureKey(tenantId)
                .chain(() -> transit.encrypt(tenantId, keyName, new TransitApi.Plaintext(plaintext, null)))
                .map(TransitApi.Ciphertext::ciphertext);
    }

    @Override
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "decryptUnavailable")
    public Uni<JsonNode> decrypt(String tenantId, String ciphertext) {
        return transit.decrypt(tenantId, keyName, new TransitApi.Ciphertext(ciphertext))
                .map(plain -> Json.parse(new String(Base64.getDecoder().decode(plain.plaintext()),
                        StandardCharsets.UTF_8)));
    }

    Uni<String> encryptUnavailable(String tenantId, JsonNode value, Throwable failure) {
        return Uni.createFrom().failure(unavailable("encrypt", tenantId, failure));
    }

    Uni<JsonNode> decryptUnavailable(String tenantId, String ciphertext, Throwable failure) {
        return Uni.createFrom().failure(unavailable("decrypt", tenantId, failure));
    }

    private Uni<Void> ensureKey(String tenantId) {
        if (keysReady.contains(tenantId)) {
            return Uni.createFrom().voidItem();
        }
        return transit.createKey(tenantId, new TransitApi.NewKey(keyName, false))
                .replaceWithVoid()
                .onFailure(WebApplicationException.class).recoverWithUni(failure -> {
                    int status = ((WebApplicationException) failure).getResponse().getStatus();
                    return status == CONFLICT ? Uni.createFrom().voidItem() : Uni.createFrom().failure(failure);
                })
                .invoke(() -> keysReady.add(tenantId));
    }

    private static RuntimeException unavailable(String operation, String tenantId, Throwable failure) {
        int status = failure instanceof WebApplicationException web ? web.getResponse().getStatus() : 0;
        LOG.warnf("secret %s for tenant %s failed (%s%s)", operation, tenantId, failure.getClass().getSimpleName(),
                status == 0 ? "" : ", HTTP " + status);
        if (status == NOT_FOUND) {
            return ConfigProblems.problem(ConfigProblems.SECRETS_UNAVAILABLE, 503,
                    "The tenant's secret key is not available at security-service.");
        }
        return ConfigProblems.problem(ConfigProblems.SECRETS_UNAVAILABLE, 503,
                "Secrets cannot be processed right now: security-service is unavailable.");
    }
}
