package io.tenancycore.gateway.quota;

import java.time.Instant;

/**
 * The fixed hour a request is counted in: quotas are "per hour" of the wall clock (UTC), so every gateway replica
 * counts the same request in the same window and a client can tell when its allowance comes back.
 *
 * @param index hours since the epoch, part of the counter's key
 * @param secondsLeft seconds until the next window starts (1..3600), {@code RateLimit-Reset} and {@code Retry-After}
 */
public record HourWindow(long index, long secondsLeft) {

    static final long SECONDS = 3600;

    public static HourWindow at(Instant now) {
        long epochSecond = now.getEpochSecond();
        return new HourWindow(Math.floorDiv(epochSecond, SECONDS), SECONDS - Math.floorMod(epochSecond, SECONDS));
    }
}
