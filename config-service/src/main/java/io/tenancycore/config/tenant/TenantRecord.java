package io.tenancycore.config.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tenancycore.config.support.Hashes;
import io.tenancycore.config.support.Timestamps;
import java.time.Instant;

/**
 * A registered tenant as stored: its validated document plus lifecycle fields; {@code statusReason} says why the
 * tenant is in its status (e.g. why provisioning failed), when whoever moved it said so.
 */
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record TenantRecord(ObjectNode document, TenantStatus status, @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("status_reason") @JsonInclude(JsonInclude.Include.NON_NULL) String statusReason) {

    public static final String STATUS = "status";
    public static final String STATUS_REASON = "status_reason";
    /** A reason is a sentence or two for an operator, not a log. */
    public static final int MAX_STATUS_REASON = 500;
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_AT = "updated_at";

    public String tenantId() {
        return document.path("tenant_id").asText();
    }

    /** The API representation: the document's fields, then status and timestamps. */
    public ObjectNode view() {
        ObjectNode view = document.deepCopy();
        view.put(STATUS, status.wireName());
        if (statusReason != null) {
            view.put(STATUS_REASON, statusReason);
        }
        view.put(CREATED_AT, Timestamps.format(createdAt));
        view.put(UPDATED_AT, Timestamps.format(updatedAt));
        return view;
    }

    /** The record after a change: a new status takes the given reason (none by default); the same status keeps it. */
    public TenantRecord with(ObjectNode newDocument, TenantStatus newStatus, String newReason) {
        String reason = newReason != null ? newReason : newStatus == status ? statusReason : null;
        return new TenantRecord(newDocument, newStatus, createdAt, Timestamps.now(), reason);
    }

    /** The entity tag of {@link #view()}: changes whenever any field of it does. */
    public String etag() {
        return Hashes.tag(view().toString());
    }
}
