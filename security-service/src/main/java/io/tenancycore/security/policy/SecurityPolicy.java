package io.tenancycore.security.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.util.List;

/**
 * A tenant's security policy (validated against {@code schemas/security-policy.schema.json}).
 *
 * @param allowedClientCidrs token requests of the tenant's clients must come from these ranges; empty: anywhere.
 *        The tenant's own choice.
 * @param platformClientCidrs the same, set by the platform: only platform-admin may change or clear it, and a token
 *        request must match both lists when both are set
 */
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record SecurityPolicy(
        @JsonProperty("token_ttl_seconds") long tokenTtlSeconds,
        @JsonProperty("key_rotation_period_days") int keyRotationPeriodDays,
        @JsonProperty("allowed_client_cidrs") List<String> allowedClientCidrs,
        @JsonProperty("min_client_secret_bits") int minClientSecretBits,
        @JsonProperty("client_max_idle_days") int clientMaxIdleDays,
        @JsonProperty("require_key_auto_rotation") boolean requireKeyAutoRotation,
        @JsonProperty("platform_client_cidrs") List<String> platformClientCidrs) {

    public static final SecurityPolicy DEFAULT = new SecurityPolicy(3600, 90, List.of(), 128, 90, false, List.of());

    public SecurityPolicy {
        allowedClientCidrs = allowedClientCidrs == null ? List.of() : List.copyOf(allowedClientCidrs);
        platformClientCidrs = platformClientCidrs == null ? List.of() : List.copyOf(platformClientCidrs);
    }

    public Duration tokenTtl() {
        return Duration.ofSeconds(tokenTtlSeconds);
    }

    public Duration keyRotationPeriod() {
        return Duration.ofDays(keyRotationPeriodDays);
    }

    public Duration clientMaxIdle() {
        return Duration.ofDays(clientMaxIdleDays);
    }

    /** Whether a token request from {@code address} is allowed by both the tenant's and the platform's ranges. */
    public boolean allowsClientAddress(String address) {
        return (allowedClientCidrs.isEmpty() || Cidrs.anyContains(allowedClientCidrs, address))
                && (platformClientCidrs.isEmpty() || Cidrs.anyContains(platformClientCidrs, address));
    }
}
