package io.tenancycore.config.layers;

import io.tenancycore.config.support.ConfigProblems;

/**
 * Revisions on the wire. Three entity tags:
 * <ul>
 * <li>a merged view: {@code "12.4"} — the tenant's revision and the platform's (global and environment layers), so
 * a change in any layer changes it;</li>
 * <li>one key: {@code "tenant@prod:9"} — the layer the value comes from and its modify revision there;</li>
 * <li>a write's answer: the tenant's (or platform's) new revision, {@code "13"}.</li>
 * </ul>
 * A key write's {@code If-Match} takes the key's tag (or its bare modify revision, {@code "9"}), so another key's
 * write never breaks it; a view's tag ({@code "12.4"}) makes it conditional on the whole tenant instead.
 * {@code If-None-Match: *} writes only a key not yet set in that layer.
 */
public final class Revisions {

    private Revisions() {
    }

    /** What a key write must find: the tenant at a revision, or the key at a modify revision (0: not set). */
    public record KeyCondition(Long tenantRevision, Long modRevision) {
        static final KeyCondition NONE = new KeyCondition(null, null);
    }

    public static String viewTag(long revision, long platformRevision) {
        return revision + "." + platformRevision;
    }

    public static String keyTag(String layer, long modRevision) {
        return layer + ":" + modRevision;
    }

    /** A tenant-wide {@code If-Match} (import, rollback): a revision, or a view's tag (its tenant part counts). */
    public static Long ifMatch(String header) {
        String value = unquote(header, "If-Match");
        if (value == null) {
            return null;
        }
        int dot = value.indexOf('.');
        return number(dot < 0 ? value : value.substring(0, dot), "If-Match");
    }

    /** {@code If-Match}/{@code If-None-Match} of a write to one key of {@code layer}. */
    public static KeyCondition forKey(String ifMatch, String ifNoneMatch, Layer layer) {
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            if (!"*".equals(ifNoneMatch.trim())) {
                throw ConfigProblems.invalidInput("If-None-Match", "a write takes only If-None-Match: * (create "
                        + "the key only if the layer does not have it)");
            }
            return new KeyCondition(null, 0L);
        }
        String value = unquote(ifMatch, "If-Match");
        if (value == null) {
            return KeyCondition.NONE;
        }
        int colon = value.lastIndexOf(':');
        if (colon >= 0) {
            long modRevision = number(value.substring(colon + 1), "If-Match");
            // a tag read from a lower layer: the key is not set in the layer written, and must still not be
            return new KeyCondition(null, value.substring(0, colon).equals(layer.id()) ? modRevision : 0L);
        }
        int dot = value.indexOf('.');
        if (dot >= 0) {
            return new KeyCondition(number(value.substring(0, dot), "If-Match"), null);
        }
        return new KeyCondition(null, number(value, "If-Match"));
    }

    private static String unquote(String header, String name) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        return value.replace("\"", "");
    }

    private static long number(String value, String header) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ConfigProblems.invalidInput(header, header + " must carry an entity tag this service gave: a "
                    + "revision (\"7\"), a view's \"7.3\" or a key's \"tenant:7\"");
        }
    }
}
