package io.tenancycore.commons.events;

/**
 * The identity of this replica (config {@code tenancy.instance-id}, which commons defaults to env {@code HOSTNAME}, the
 * pod name in Kubernetes, else a random UUID). Consumer groups of every-replica channels are named after it.
 */
public record InstanceId(String value) {

    public InstanceId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("instance id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
