package io.tenancycore.commons.error;

/**
 * The {@code type} URIs of the problems this platform emits. Plain HTTP failures use {@code about:blank}
 * as RFC 9457 recommends; problems a client may want to branch on get their own URN.
 */
public final class ProblemTypes {

    public static final String ABOUT_BLANK = "about:blank";
    private static final String PREFIX = "urn:tenancycore:problem:";

    public static final String VALIDATION = PREFIX + "validation";
    public static final String MALFORMED_BODY = PREFIX + "malformed-body";
    public static final String UNKNOWN_FIELD = PREFIX + "unknown-field";
    public static final String INVALID_FIELD_TYPE = PREFIX + "invalid-field-type";
    public static final String INVALID_TENANT_ID = PREFIX + "invalid-tenant-id";
    public static final String TENANT_NOT_FOUND = PREFIX + "tenant-not-found";
    public static final String TENANT_SUSPENDED = PREFIX + "tenant-suspended";
    public static final String TENANT_DELETED = PREFIX + "tenant-deleted";
    public static final String CROSS_TENANT_ACCESS = PREFIX + "cross-tenant-access";
    public static final String PERMISSION_DENIED = PREFIX + "permission-denied";
    public static final String UNAUTHENTICATED = PREFIX + "unauthenticated";
    public static final String PAYLOAD_TOO_LARGE = PREFIX + "payload-too-large";
    public static final String INTERNAL = PREFIX + "internal";

    private ProblemTypes() {
    }
}
