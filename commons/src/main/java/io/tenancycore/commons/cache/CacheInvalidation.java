package io.tenancycore.commons.cache;

/**
 * Payload of the {@value #EVENT_TYPE} CloudEvent: replica {@code origin} changed {@code key} of cache
 * {@code cache}; every other replica drops the key from its L1.
 */
public record CacheInvalidation(String cache, String key, String origin) {

    public static final String EVENT_TYPE = io.tenancycore.commons.events.EventTypes.CACHE_INVALIDATED;
}
