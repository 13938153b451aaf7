package io.tenancycore.config.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** DESIGN's timestamps: RFC 3339 UTC with exactly three fraction digits, the same on create and on read. */
public final class Timestamps {

    private static final DateTimeFormatter RFC3339_MILLIS = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** Now, at the precision every answer shows, so a stored instant reads back as it was answered. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public static String format(Instant instant) {
        return RFC3339_MILLIS.format(instant);
    }

    /** Any ISO-8601 instant as RFC 3339 with milliseconds; text that is not one is returned unchanged. */
    public static String format(String instant) {
        try {
            return format(Instant.parse(instant));
        } catch (RuntimeException e) {
            return instant;
        }
    }
}
