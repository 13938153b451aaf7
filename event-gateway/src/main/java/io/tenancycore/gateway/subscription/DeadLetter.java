package io.tenancycore.gateway.subscription;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * An event a subscription's sink did not take after every attempt, kept for inspection and replay (it is also on
 * {@code tenancy.events.dlq}). {@code event} is the CloudEvent in structured JSON form.
 *
 * @param id {@code <subscription_id>:<event id>}
 */
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record DeadLetter(String id, @JsonProperty("subscription_id") String subscriptionId, String reason,
        int attempts, @JsonProperty("dead_lettered_at") Instant deadLetteredAt, JsonNode event) {

    static String idOf(String subscriptionId, String eventId) {
        return subscriptionId + ":" + eventId;
    }
}
