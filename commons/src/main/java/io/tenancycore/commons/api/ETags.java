package io.tenancycore.commons.api;

import io.tenancycore.commons.digest.Digests;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import java.util.Arrays;
import java.util.List;

/**
 * Optimistic concurrency as DESIGN's conventions say: every mutable resource has an {@code ETag} (its version),
 * writes accept {@code If-Match} and answer 412 on a mismatch, cached reads honour {@code If-None-Match} with 304.
 * Versions are compared as strong tags; a weak tag ({@code W/"3"}) still names version 3, because our versions
 * change with every byte of the resource.
 */
public final class ETags {

    private ETags() {
    }

    /**
     * The version of a resource that keeps no revision counter: the first 128 bits of the SHA-256 of its canonical
     * form, in hex, so every change of content is a new version.
     */
    public static String digest(String canonicalForm) {
        return Digests.sha256Hex(canonicalForm, 16);
    }

    /** The header value of a version: {@code "3"}. */
    public static String of(long version) {
        return of(Long.toString(version));
    }

    public static String of(String version) {
        return "\"" + version + "\"";
    }

    /** Throws a 412 problem unless {@code ifMatch} is absent, {@code *} or names {@code currentVersion}. */
    public static void requireMatch(String ifMatch, long currentVersion) {
        requireMatch(ifMatch, Long.toString(currentVersion));
    }

    public static void requireMatch(String ifMatch, String currentVersion) {
        if (ifMatch != null && !ifMatch.isBlank() && !names(ifMatch, currentVersion)) {
            throw ProblemException.preconditionFailed("The resource is at version " + currentVersion
                    + ", not " + ifMatch.trim() + "; read it again and retry with its ETag.");
        }
    }

    /** Whether a read can answer 304: {@code If-None-Match} names the current version (or is {@code *}). */
    public static boolean notModified(String ifNoneMatch, String currentVersion) {
        return ifNoneMatch != null && !ifNoneMatch.isBlank() && names(ifNoneMatch, currentVersion);
    }

    /**
     * The version an {@code If-Match} names, for stores that check it atomically themselves (a Lua script);
     * -1 when the header is absent or {@code *}. A header that names no version at all is a 400.
     */
    public static long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return -1;
        }
        String tag = unquote(ifMatch.trim());
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("If-Match must be an ETag this service returned, such as \"3\".",
                    List.of(new Violation("If-Match",
                            "not a version ETag", "invalid_header")));
        }
    }

    private static boolean names(String header, String version) {
        return Arrays.stream(header.split(","))
                .map(String::trim)
                .anyMatch(tag -> tag.equals("*") || unquote(tag).equals(version));
    }

    private static String unquote(String tag) {
        String value = tag.startsWith("W/") ? tag.substring(2) : tag;
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
