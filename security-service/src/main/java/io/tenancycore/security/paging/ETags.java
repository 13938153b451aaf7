package io.tenancycore.security.paging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenancycore.commons.error.ProblemException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Entity tags of mutable resources that carry no revision of their own (roles, bindings, policies, key settings): a
 * digest of the resource as it is answered, so any change to it is a new tag. {@link #require} is the
 * {@code If-Match} check of a write: {@code 412} when the resource changed since the client read it.
 */
public final class ETags {

    public static final String PRECONDITION_FAILED = "urn:tenancycore:problem:security:precondition-failed";
    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
    private static final int HEX_CHARS = 32;

    private ETags() {
    }

    /** The quoted strong tag of a resource, e.g. {@code "9f1c…"}. */
    public static String of(Object resource) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(MAPPER.writeValueAsBytes(resource));
            return "\"" + HexFormat.of().formatHex(digest).substring(0, HEX_CHARS) + "\"";
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot tag the resource", e);
        }
    }

    /**
     * Checks {@code If-Match}: absent → nothing to check; {@code *} → the resource must exist; otherwise one of the
     * listed tags must be the current one.
     *
     * @param current the resource now, null when it does not exist
     */
    public static void require(String ifMatch, Object current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        if (current != null && ("*".equals(ifMatch.trim()) || matches(ifMatch, of(current)))) {
            return;
        }
        throw new ProblemException(PRECONDITION_FAILED, 412, "Precondition Failed", current == null
                ? "The resource does not exist; If-Match needs a resource to match."
                : "The resource changed since it was read (If-Match does not match its ETag); read it again.",
                List.of());
    }

    private static boolean matches(String ifMatch, String tag) {
        for (String candidate : ifMatch.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.startsWith("W/")) {
                continue; // weak tags never match for If-Match (RFC 9110 13.1.1)
            }
            if (trimmed.equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
