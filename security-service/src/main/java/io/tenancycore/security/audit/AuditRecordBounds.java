package io.tenancycore.security.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenancycore.commons.audit.CrossTenantAccessAuditor;
import io.tenancycore.commons.tenant.TenantIds;
import io.tenancycore.security.store.RedisKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an audit record may put into Redis. Records come from every service over Kafka, partly from callers' input
 * (client ids, paths, exception data): the tenant id must be a valid one before it becomes part of a key, and every
 * text is cut to a bound, so one record cannot grow a chain by megabytes. What was cut is listed in the entry's
 * {@code truncated}. A failure's {@code reason} is the producer's {@code details.reason} or, for producers that only
 * send {@code details.error} (an exception class), a sentence for the well-known classes: never the class name.
 */
final class AuditRecordBounds {

    static final int MAX_EVENT_ID = 128;
    static final int MAX_TIME = 40;
    static final int MAX_ACTOR = 256;
    static final int MAX_TENANT_ID = 64;
    static final int MAX_ACTION = 128;
    static final int MAX_RESOURCE = 512;
    static final int MAX_OUTCOME = 16;
    static final int MAX_REASON = 512;
    static final int MAX_SOURCE_IP = 64;
    static final int MAX_TRACE_ID = 64;
    static final int MAX_DETAIL_KEYS = 32;
    static final int MAX_DETAIL_KEY = 64;
    static final int MAX_DETAIL_TEXT = 512;
    static final int MAX_DETAIL_DEPTH = 4;
    /** After the per-value bounds, the details of one entry as JSON; larger ones are replaced by a note. */
    static final int MAX_DETAILS_BYTES = 8192;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> KNOWN_ERRORS = Map.ofEntries(
            Map.entry("ForbiddenException", "forbidden: the caller lacks the permission"),
            Map.entry("UnauthorizedException", "not authenticated"),
            Map.entry("AuthenticationFailedException", "not authenticated"),
            Map.entry("NotAuthorizedException", "not authenticated"),
            Map.entry("ConstraintViolationException", "invalid input"),
            Map.entry("ValidationException", "invalid input"),
            Map.entry("NotFoundException", "not found"),
            Map.entry("TimeoutException", "timed out"),
            Map.entry("ProblemException", "refused with an error response (the producer sent no reason)"));

    private AuditRecordBounds() {
    }

    /** The chain a record belongs to: its tenant when that is a valid tenant id, else the platform's. */
    static String scopeOf(String tenantId) {
        return TenantIds.isValid(tenantId) ? tenantId : RedisKeys.PLATFORM;
    }

    static boolean isScope(String scope) {
        return RedisKeys.PLATFORM.equals(scope) || TenantIds.isValid(scope);
    }

    /** The fields cut to their bounds, with the reason filled in and the cut fields listed. */
    static AuditTrail.Fields apply(AuditTrail.Fields raw) {
        List<String> cut = new ArrayList<>();
        Map<String, Object> details = details(raw.details(), cut);
        String reason = raw.reason() != null ? raw.reason() : reasonOf(raw.action(), raw.outcome(), raw.details());
        return new AuditTrail.Fields(text(raw.eventId(), MAX_EVENT_ID, "event_id", cut),
                text(raw.time(), MAX_TIME, "time", cut), text(raw.actor(), MAX_ACTOR, "actor", cut),
                text(raw.tenantId(), MAX_TENANT_ID, "tenant_id", cut), text(raw.action(), MAX_ACTION, "action", cut),
                text(raw.resource(), MAX_RESOURCE, "resource", cut), text(raw.outcome(), MAX_OUTCOME, "outcome", cut),
                text(reason, MAX_REASON, "reason", cut), text(raw.sourceIp(), MAX_SOURCE_IP, "source_ip", cut),
                text(raw.traceId(), MAX_TRACE_ID, "trace_id", cut), details,
                cut.isEmpty() ? null : cut.stream().sorted().toList());
    }

    static String reasonOf(String action, String outcome, Map<String, Object> details) {
        Object given = details == null ? null : details.get("reason");
        if (given instanceof String text && !text.isBlank()) {
            return text;
        }
        if (outcome == null || "success".equals(outcome)) {
            return null;
        }
        if (CrossTenantAccessAuditor.ACTION.equals(action)) {
            return "cross-tenant access refused: the token belongs to another tenant";
        }
        Object error = details == null ? null : details.get("error");
        if (error instanceof String className) {
            String simple = className.substring(className.lastIndexOf('.') + 1);
            simple = simple.substring(simple.lastIndexOf('$') + 1);
            String known = KNOWN_ERRORS.get(simple);
            if (known != null) {
                return known;
            }
        }
        return "denied".equals(outcome) ? "refused (the producer sent no reason)"
                : "failed (the producer sent no reason)";
    }

    private static String text(String value, int max, String field, List<String> cut) {
        if (value == null || value.length() <= max) {
            return value;
        }
        cut.add(field);
        return cutAt(value, max);
    }

    /** Cuts without splitting a surrogate pair. */
    private static String cutAt(String value, int max) {
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }

    private static Map<String, Object> details(Map<String, Object> raw, List<String> cut) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        boolean[] wasCut = {false};
        Map<String, Object> bounded = boundMap(raw, 1, wasCut);
        if (jsonSize(bounded) > MAX_DETAILS_BYTES) {
            cut.add("details");
            return Map.of("omitted", "details larger than " + MAX_DETAILS_BYTES + " bytes");
        }
        if (wasCut[0]) {
            cut.add("details");
        }
        return bounded;
    }

    private static Map<String, Object> boundMap(Map<?, ?> raw, int depth, boolean[] wasCut) {
        Map<String, Object> bounded = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : raw.entrySet()) {
            if (bounded.size() == MAX_DETAIL_KEYS) {
                wasCut[0] = true;
                break;
            }
            String key = String.valueOf(entry.getKey());
            if (key.length() > MAX_DETAIL_KEY) {
                key = cutAt(key, MAX_DETAIL_KEY);
                wasCut[0] = true;
            }
            bounded.put(key, boundValue(entry.getValue(), depth, wasCut));
        }
        return bounded;
    }

    private static Object boundValue(Object value, int depth, boolean[] wasCut) {
        if (value instanceof String text) {
            if (text.length() > MAX_DETAIL_TEXT) {
                wasCut[0] = true;
                return cutAt(text, MAX_DETAIL_TEXT);
            }
            return text;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            if (depth >= MAX_DETAIL_DEPTH) {
                wasCut[0] = true;
                return "(nested too deep)";
            }
            if (value instanceof Map<?, ?> map) {
                return boundMap(map, depth + 1, wasCut);
            }
            List<Object> items = new ArrayList<>();
            for (Object item : (List<?>) value) {
                if (items.size() == MAX_DETAIL_KEYS) {
                    wasCut[0] = true;
                    break;
                }
                items.add(boundValue(item, depth + 1, wasCut));
            }
            return items;
        }
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return boundValue(value.toString(), depth, wasCut);
    }

    private static int jsonSize(Map<String, Object> details) {
        try {
            return JSON.writeValueAsBytes(details).length;
        } catch (JsonProcessingException e) {
            return Integer.MAX_VALUE;
        }
    }
}
