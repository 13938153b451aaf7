package io.tenancycore.gateway.subscription;

import com.fasterxml.jackson.databind.JsonNode;

/** The body of {@code POST .../subscriptions}: {@code sink} required; {@code filters} and {@code delivery} optional. */
public record SubscriptionRequest(String sink, JsonNode filters, Delivery delivery) {
}
