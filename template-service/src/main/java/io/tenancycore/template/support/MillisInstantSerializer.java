package io.tenancycore.template.support;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes an instant as DESIGN's timestamps are: RFC 3339 in UTC with exactly three fraction digits
 * ({@code 2026-12-01T08:00:00.000Z}); {@link Instant#toString()} would drop them on a whole second and write six or
 * nine where the clock has them. Reading stays Jackson's ISO parser, so stored values of any precision still load.
 */
public class MillisInstantSerializer extends StdSerializer<Instant> {

    private static final DateTimeFormatter RFC_3339_MILLIS = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public MillisInstantSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(RFC_3339_MILLIS.format(value));
    }
}
