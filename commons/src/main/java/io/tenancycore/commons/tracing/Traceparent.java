package io.tenancycore.commons.tracing;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} (version 00): {@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}.
 * Used on HTTP requests and responses and on Kafka records, so one trace id follows a request through every service.
 */
public record Traceparent(String traceId, String spanId, String flags) {

    public static final String HEADER = "traceparent";
    public static final String VERSION = "00";
    public static final String SAMPLED = "01";

    private static final int TRACE_ID_BYTES = 16;
    private static final int SPAN_ID_BYTES = 8;
    private static final Pattern FORMAT = Pattern.compile("^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$");
    private static final String INVALID_VERSION = "ff";
    private static final HexFormat HEX = HexFormat.of();

    public Traceparent {
        if (!isValidId(traceId, TRACE_ID_BYTES) || !isValidId(spanId, SPAN_ID_BYTES) || flags == null
                || !flags.matches("[0-9a-f]{2}")) {
            throw new IllegalArgumentException("not a valid traceparent: " + traceId + "/" + spanId + "/" + flags);
        }
    }

    /** Parses a header value; empty when absent or invalid (then the caller starts a new trace, as the spec says). */
    public static Optional<Traceparent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(header.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String version = matcher.group(1);
        if (INVALID_VERSION.equals(version) || (VERSION.equals(version) && matcher.group(5) != null)) {
            return Optional.empty();
        }
        String traceId = matcher.group(2);
        String spanId = matcher.group(3);
        if (!isValidId(traceId, TRACE_ID_BYTES) || !isValidId(spanId, SPAN_ID_BYTES)) {
            return Optional.empty();
        }
        return Optional.of(new Traceparent(traceId, spanId, matcher.group(4)));
    }

    /** A new trace: random trace and span ids, sampled. */
    public static Traceparent newRoot() {
        return new Traceparent(randomId(TRACE_ID_BYTES), randomId(SPAN_ID_BYTES), SAMPLED);
    }

    /** Continues {@code parent} if present, else starts a new trace. */
    public static Traceparent continueOrStart(Optional<Traceparent> parent) {
        return parent.map(Traceparent::child).orElseGet(Traceparent::newRoot);
    }

    /** The same trace with a new span id: what this service passes on to the next hop. */
    public Traceparent child() {
        return new Traceparent(traceId, randomId(SPAN_ID_BYTES), flags);
    }

    public boolean sampled() {
        return (HEX.fromHexDigits(flags) & 1) == 1;
    }

    public String format() {
        return VERSION + "-" + traceId + "-" + spanId + "-" + flags;
    }

    @Override
    public String toString() {
        return format();
    }

    private static boolean isValidId(String id, int bytes) {
        return id != null && id.length() == bytes * 2 && id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
                && id.chars().anyMatch(c -> c != '0');
    }

    private static String randomId(int bytes) {
        byte[] id = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(id);
        } while (allZero(id));
        return HEX.formatHex(id);
    }

    private static boolean allZero(byte[] id) {
        for (byte b : id) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
