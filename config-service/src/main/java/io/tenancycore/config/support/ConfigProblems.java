package io.tenancycore.config.support;

import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.error.Problems;
import io.tenancycore.commons.error.Violation;
import java.util.List;

/** The problems config-service answers with beyond the plain HTTP ones. */
public final class ConfigProblems {

    /** This service's name in problem types and Redis keys. */
    public static final String SERVICE = "config";
    private static final String PREFIX = "urn:tenancycore:problem:" + SERVICE + ":";
    public static final String REVISION_CONFLICT = PREFIX + "revision-conflict";
    public static final String COMPACTED = PREFIX + "compacted";
    public static final String SCHEMA_VIOLATION = PREFIX + "schema-violation";
    public static final String INVALID_SCHEMA = PREFIX + "invalid-schema";
    public static final String SCHEMA_CONFLICT = PREFIX + "schema-conflicts-with-values";
    public static final String INVALID_TENANT = PREFIX + "invalid-tenant";
    public static final String INVALID_TRANSITION = PREFIX + "invalid-status-transition";
    public static final String DUPLICATE_TENANT = PREFIX + "duplicate-tenant";
    public static final String SECRETS_UNAVAILABLE = PREFIX + "secrets-unavailable";

    private ConfigProblems() {
    }

    public static ProblemException revisionConflict(long expected, long current) {
        return problem(REVISION_CONFLICT, 412, "If-Match names revision " + expected + " but the tenant is at revision "
                + current + "; re-read and retry.");
    }

    public static ProblemException keyRevisionConflict(String key, long expected, long current) {
        return problem(REVISION_CONFLICT, 412, "If-Match names modify revision " + expected + " of key '" + key
                + "' but it is at " + (current == 0 ? "none (not set in that layer)" : "revision " + current)
                + "; re-read the key and retry.");
    }

    public static ProblemException compacted(long requested, long compactedUpTo) {
        return problem(COMPACTED, 410, "Revision " + requested + " has been compacted (history starts after revision "
                + compactedUpTo + "); re-read the current configuration and watch from its revision.");
    }

    public static ProblemException unprocessable(String type, String detail, List<Violation> violations) {
        return new ProblemException(type, 422, Problems.reasonPhrase(422), detail, violations);
    }

    public static ProblemException conflict(String type, String detail, List<Violation> violations) {
        return new ProblemException(type, 409, Problems.reasonPhrase(409), detail, violations);
    }

    public static ProblemException invalidInput(String field, String message) {
        return ProblemException.badRequest(message, List.of(new Violation(field, message, "invalid")));
    }

    public static ProblemException problem(String type, int status, String detail) {
        return new ProblemException(type, status, Problems.reasonPhrase(status), detail, List.of());
    }

    public static ProblemException forbidden(String detail) {
        return ProblemException.forbidden(ProblemTypes.PERMISSION_DENIED, detail);
    }
}
