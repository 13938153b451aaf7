package io.tenancycore.security.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when this replica can sign: the active signing key exists and unwraps with a configured master key.
 * A replica started with a new {@code ENCRYPTION_KEY} but without the old one in {@code ENCRYPTION_KEY_PREVIOUS}
 * would otherwise pass its health checks and then answer every token request with a 500.
 */
@Readiness
@ApplicationScoped
public class SigningKeyReadinessCheck implements HealthCheck {

    static final String NAME = "signing-keys";

    private final SigningKeyRing ring;

    @Inject
    public SigningKeyReadinessCheck(SigningKeyRing ring) {
        this.ring = ring;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            String kid = ring.activeSigner().getKey();
            return HealthCheckResponse.named(NAME).up().withData("active_kid", kid).build();
        } catch (IllegalStateException e) {
            // The message names the missing master key by its public fingerprint, never key material.
            return HealthCheckResponse.named(NAME).down().withData("error", e.getMessage()).build();
        }
    }
}
