package io.tenancycore.commons.audit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the audit trail, as published on {@code tenancy.audit}.
 *
 * @param actor token subject, {@code system} for work without a request, {@code anonymous} for unauthenticated calls
 * @param tenantId the tenant acted on; {@code null} for platform-wide actions
 * @param action what was attempted, e.g. {@code config.update}
 * @param resource what it was attempted on, e.g. {@code config/database.pool}
 */
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record AuditRecord(String actor, String tenantId, String action, String resource, Outcome outcome,
        String sourceIp, String traceId, Instant time, Map<String, Object> details) {

    public static final String SYSTEM_ACTOR = "system";
    public static final String ANONYMOUS_ACTOR = "anonymous";

    public enum Outcome {
        SUCCESS,
        FAILURE,
        /** Refused by an authorization or tenant-isolation check. */
        DENIED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Outcome fromWireName(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public AuditRecord {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        // DESIGN's timestamps have millisecond precision, the same in every answer and record
        time = (time == null ? Instant.now() : time).truncatedTo(ChronoUnit.MILLIS);
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** A record stamped now, without source ip, trace id or details. */
    public static AuditRecord of(String actor, String tenantId, String action, String resource, Outcome outcome) {
        return new AuditRecord(actor, tenantId, action, resource, outcome, null, null, null, Map.of());
    }

    public AuditRecord withRequest(String newSourceIp, String newTraceId) {
        return new AuditRecord(actor, tenantId, action, resource, outcome, newSourceIp, newTraceId, time, details);
    }

    public AuditRecord withDetails(Map<String, Object> newDetails) {
        return new AuditRecord(actor, tenantId, action, resource, outcome, sourceIp, traceId, time, newDetails);
    }
}
