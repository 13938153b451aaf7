package io.tenancycore.gateway.subscription;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * A tenant's webhook subscription: the events its {@code filters} (Subscriptions API dialects) match are POSTed to
 * {@code sink} in CloudEvents binary mode, with the {@code delivery} settings; after the last failed attempt the event
 * goes to {@code tenancy.events.dlq} with the reason.
 */
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record Subscription(String id, String sink, JsonNode filters, Delivery delivery,
        @JsonProperty("created_at") Instant createdAt) {
}
