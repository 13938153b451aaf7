package io.tenancycore.security.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * A tenant's security policy (validated against {@code schemas/security-policy.schema.json}).
 *
 * @param allowedClientCidrs token requests of the tenant's clients must come from these ranges; empty: anywhere
 */
public record SecurityPolicy(
        @JsonProperty("token_ttl_seconds") long tokenTtlSeconds,
        @JsonProperty("key_rotation_period_days") int keyRotationPeriodDays,
        @JsonProperty("allowed_client_cidrs") List<String> allowedClientCidrs,
        @JsonProperty("min_client_secret_bits") int minClientSecretBits,
        @JsonProperty("client_max_idle_days") int clientMaxIdleDays,
        @JsonProperty("require_key_auto_rotation") boolean requireKeyAutoRotation) {

    public static final SecurityPolicy DEFAULT = new SecurityPolicy(3600, 90, List.of(), 128, 90, false);

    public SecurityPolicy {
        allowedClientCidrs = allowedClientCidrs == null ? List.of() : List.copyOf(allowedClientCidrs);
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
}
