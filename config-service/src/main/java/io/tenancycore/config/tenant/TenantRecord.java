package io.tenancycore.config.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenancycore.config.support.Hashes;
import io.tenancycore.config.support.Timestamps;
import java.time.Instant;

/** A registered tenant as stored: its validated document plus lifecycle fields. */
public record TenantRecord(ObjectNode document, TenantStatus status, @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {

    public static final String STATUS = "status";
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_AT = "updated_at";

    public String tenantId() {
        return document.path("tenant_id").asText();
    }

    /** The API representation: the document's fields, then status and timestamps. */
    public ObjectNode view() {
        ObjectNode view = document.deepCopy();
        view.put(STATUS, status.wireName());
        view.put(CREATED_AT, Timestamps.format(createdAt));
        view.put(UPDATED_AT, Timestamps.format(updatedAt));
        return view;
    }

    public TenantRecord with(ObjectNode newDocument, TenantStatus newStatus) {
        return new TenantRecord(newDocument, newStatus, createdAt, Timestamps.now());
    }

    /** The entity tag of {@link #view()}: changes whenever any field of it does. */
    public String etag() {
        return Hashes.tag(view().toString());
    }
}
