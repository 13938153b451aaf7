package io.tenancycore.commons.error;

import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The {@code type} URIs of the problems this platform emits: always {@code urn:tenancycore:problem:<service>:<name>}
 * (DESIGN, API conventions). The constants here name problems every service can raise; {@link #qualify} puts the
 * emitting service in, so the constants stay shared while each answer says which service refused.
 */
public final class ProblemTypes {

    static final String PREFIX = "urn:tenancycore:problem:";

    public static final String VALIDATION = PREFIX + "validation";
    public static final String MALFORMED_BODY = PREFIX + "malformed-body";
    public static final String INVALID_PARAMETER = PREFIX + "invalid-parameter";
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
    public static final String PRECONDITION_FAILED = PREFIX + "precondition-failed";
    public static final String UNAVAILABLE = PREFIX + "unavailable";
    public static final String INTERNAL = PREFIX + "internal";

    private static volatile String service;

    private ProblemTypes() {
    }

    /** The generic problem of an HTTP status, for failures nothing more specific describes. */
    public static String forStatus(int status) {
        return PREFIX + switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 410 -> "gone";
            case 412 -> "precondition-failed";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 422 -> "validation";
            case 429 -> "too-many-requests";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "bad-request";
        };
    }

    /**
     * {@code urn:tenancycore:problem:<name>} becomes {@code urn:tenancycore:problem:<service>:<name>}; a type that
     * already names its service, or is not ours, is returned as it is, so qualifying twice changes nothing.
     */
    public static String qualify(String type, int status) {
        if (type == null || type.isBlank() || "about:blank".equals(type)) {
            type = forStatus(status);
        }
        if (!type.startsWith(PREFIX) || type.indexOf(':', PREFIX.length()) >= 0) {
            return type;
        }
        return PREFIX + service() + ":" + type.substring(PREFIX.length());
    }

    /** Whether {@code type} is the shared problem {@code generic}, whichever service emitted it. */
    public static boolean is(String type, String generic) {
        return type != null && type.endsWith(":" + generic.substring(PREFIX.length()))
                && type.startsWith(PREFIX);
    }

    /** {@code config-service} → {@code config}, {@code event-gateway} → {@code gateway}. */
    static String service() {
        String name = service;
        if (name == null) {
            String application = ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.application.name", String.class).orElse("core");
            name = application.toLowerCase(Locale.ROOT).replaceFirst("-service$", "").replaceFirst("^event-", "");
            service = name;
        }
        return name;
    }
}
