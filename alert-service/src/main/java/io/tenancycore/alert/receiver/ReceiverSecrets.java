package io.tenancycore.alert.receiver;

import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.support.AlertsConfig;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.transit.TransitApi;
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
 * Seals a receiver's secrets (webhook HMAC {@code secret}, {@code slack_url}) before they are stored and opens them for
 * a delivery, with security-service's transit engine: a per-tenant key {@code tenancy.alerts.secret-key-name}
 * ({@code alert-receivers}), managed by alert-service (the tenant's own callers cannot use it), created on first use.
 * Why transit and not a local AES key: the master key stays in security-service alone (the suite gives no other
 * service key material), keys rotate and rewrap there, and every use is audited there. Redis therefore holds only
 * {@code tc:v<N>:...} ciphertexts; a value stored before sealing existed (no {@code tc:} prefix) is opened as is.
 * Neither plaintext nor ciphertext is ever logged.
 */
@ApplicationScoped
public class ReceiverSecrets {

    static final String CIPHERTEXT_PREFIX = "tc:v";
    private static final Logger LOG = Logger.getLogger(ReceiverSecrets.class);
    private static final int CONFLICT = 409;

    private final TransitApi transit;
    private final String keyName;
    /** Tenants whose key is known to exist, so the create call is made once per tenant and replica. */
    private final Set<String> keysReady = ConcurrentHashMap.newKeySet();

    public ReceiverSecrets(@RestClient TransitApi transit, AlertsConfig config) {
        this.transit = transit;
        this.keyName = config.secretKeyName();
    }

    /** The receiver as it may be stored: its secrets sealed. */
    public Uni<Receiver> seal(String tenantId, Receiver receiver) {
        return encrypt(tenantId, receiver.secret()).chain(secret -> encrypt(tenantId, receiver.slackUrl())
                .map(slackUrl -> receiver.withSecrets(secret, slackUrl)));
    }

    /** The stored receiver with its secrets opened, for one delivery. */
    public Uni<Receiver> open(String tenantId, Receiver receiver) {
        return decrypt(tenantId, receiver.secret()).chain(secret -> decrypt(tenantId, receiver.slackUrl())
                .map(slackUrl -> receiver.withSecrets(secret, slackUrl)));
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "unavailable")
    Uni<String> encrypt(String tenantId, String plaintext) {
        if (plaintext == null) {
            return Uni.createFrom().nullItem();
        }
        String encoded = Base64.getEncoder().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8));
        return ensureKey(tenantId).chain(() -> transit.encrypt(tenantId, keyName, new TransitApi.Plaintext(encoded)))
                .map(TransitApi.Ciphertext::ciphertext);
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "unavailable")
    Uni<String> decrypt(String tenantId, String stored) {
        if (stored == null || !stored.startsWith(CIPHERTEXT_PREFIX)) {
            return Uni.createFrom().item(stored);
        }
        return transit.decrypt(tenantId, keyName, new TransitApi.Ciphertext(stored))
                .map(plain -> new String(Base64.getDecoder().decode(plain.plaintext()), StandardCharsets.UTF_8));
    }

    Uni<String> unavailable(String tenantId, String value, Throwable failure) {
        int status = failure instanceof WebApplicationException web ? web.getResponse().getStatus() : 0;
        LOG.warnf("receiver secret of tenant %s not processed (%s%s)", tenantId, failure.getClass().getSimpleName(),
                status == 0 ? "" : ", HTTP " + status);
        return Uni.createFrom().failure(new ProblemException(503, "Service Unavailable",
                "Receiver secrets cannot be processed right now: security-service's transit engine is unavailable."));
    }

    private Uni<Void> ensureKey(String tenantId) {
        if (keysReady.contains(tenantId)) {
            return Uni.createFrom().voidItem();
        }
        return transit.createKey(tenantId, new TransitApi.NewKey(keyName, false)).replaceWithVoid()
                .onFailure(WebApplicationException.class).recoverWithUni(failure ->
                        ((WebApplicationException) failure).getResponse().getStatus() == CONFLICT
                                ? Uni.createFrom().voidItem() : Uni.createFrom().failure(failure))
                .invoke(() -> keysReady.add(tenantId));
    }
}
