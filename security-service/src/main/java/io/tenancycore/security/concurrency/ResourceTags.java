package io.tenancycore.security.concurrency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenancycore.commons.api.ETags;
import io.tenancycore.commons.error.ProblemException;

/**
 * Versions of security-service's mutable resources that keep no revision counter (roles, bindings, key settings, the
 * policy): a digest of the resource as it is answered, so every change is a new version. The {@code ETag} and the
 * {@code If-Match} check are commons' ({@link ETags}); this adds the version and the case of a resource that does
 * not exist (an {@code If-Match} then cannot match: 412).
 */
public final class ResourceTags {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private ResourceTags() {
    }

    /** The version of a resource: the first 128 bits of the SHA-256 of its JSON, in hex. */
    public static String version(Object resource) {
        try {
            return ETags.digest(MAPPER.writeValueAsString(resource));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot version the resource", e);
        }
    }

    /** The {@code If-Match} check of a write; {@code current} null when the resource does not exist. */
    public static void requireMatch(String ifMatch, Object current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        if (current == null) {
            throw ProblemException.preconditionFailed("The resource does not exist; If-Match needs one to match.");
        }
        ETags.requireMatch(ifMatch, version(current));
    }
}
