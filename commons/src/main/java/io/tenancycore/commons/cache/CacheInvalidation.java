package io.tenancycore.commons.cache;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Payload of the {@value #EVENT_TYPE} CloudEvent: replica {@code origin} changed {@code key} of cache
 * {@code cache}; every other replica drops the key from its L1.
 */
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record CacheInvalidation(String cache, String key, String origin) {

    public static final String EVENT_TYPE = io.tenancycore.commons.events.EventTypes.CACHE_INVALIDATED;
}
