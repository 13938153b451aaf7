package io.tenancycore.commons.events;

import java.util.Optional;
import java.util.UUID;

/**
 * The identity of this replica (config {@code tenancy.instance-id}; else env {@code HOSTNAME}, the pod name in
 * Kubernetes; else a random UUID). BROADCAST consumer groups are named after it.
 */
public record InstanceId(String value) {

    public InstanceId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("instance id must not be blank");
        }
    }

    public static InstanceId resolve(Optional<String> configured) {
        return new InstanceId(configured.filter(v -> !v.isBlank())
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(v -> !v.isBlank()))
                .orElseGet(() -> UUID.randomUUID().toString()));
    }

    @Override
    public String toString() {
        return value;
    }
}
