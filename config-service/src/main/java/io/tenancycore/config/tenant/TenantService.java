package io.tenancycore.config.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.lease.WriteLocks;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.events.EventPublisher;
import io.tenancycore.commons.events.TenantEvents;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.validation.ValidationReport;
import io.tenancycore.config.support.RedisKeys;
import io.tenancycore.config.support.ConfigProblems;
import io.tenancycore.commons.api.ETags;
import io.tenancycore.config.support.Timestamps;
import io.tenancycore.config.tenant.validation.TenantValidator;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tenant registry: validated registration, reads, merge-patch updates and lifecycle transitions, all announced. */
@ApplicationScoped
public class TenantService {

    private final TenantStore store;
    private final TenantValidator validator;
    private final EventPublisher publisher;
    private final WriteLocks writeLocks;

    public TenantService(TenantStore store, TenantValidator validator, EventPublisher publisher,
            WriteLocks writeLocks) {
        this.store = store;
        this.validator = validator;
        this.publisher = publisher;
        this.writeLocks = writeLocks;
    }

    public ValidationReport validate(JsonNode document) {
        return validator.validate(document);
    }

    /**
     * Validates (422 with every error), stores as {@code provisioning} with the default plan written in when the
     * document names none (409 if the id exists), announces.
     */
    public Uni<TenantRecord> register(JsonNode document) {
        requireValid(document);
        Instant now = Timestamps.now();
        TenantRecord record = new TenantRecord(validator.withDefaults((ObjectNode) document),
                TenantStatus.PROVISIONING, now, now, null);
        return store.create(record).chain(created -> {
            if (!created) {
                throw ConfigProblems.problem(ConfigProblems.DUPLICATE_TENANT, 409,
                        "Tenant '" + record.tenantId() + "' already exists.");
            }
            return publish(TenantEvents.REGISTERED, record).replaceWith(record);
        });
    }

    public Uni<TenantRecord> get(String tenantId) {
        return store.get(tenantId).map(record -> {
            if (record == null) {
                throw ProblemException.notFound("No tenant '" + tenantId + "'.");
            }
            return record;
        });
    }

    public Uni<List<TenantRecord>> list(String after, int limit) {
        return store.ids(after, limit).chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<TenantRecord>of())
                : Uni.join().all(ids.stream().map(store::get).toList()).andFailFast()
                        .map(records -> records.stream().filter(r -> r != null).toList()));
    }

    /**
     * Applies an RFC 7386 merge patch to the tenant: document fields are re-validated as a whole; {@code status}
     * moves the lifecycle (409 for a move it does not allow). Each effect is announced.
     */
    public Uni<TenantRecord> patch(String tenantId, ObjectNode patch, String ifMatch) {
        ObjectNode documentPatch = patch.deepCopy();
        Optional<TenantStatus> requested = Optional.ofNullable(documentPatch.remove(TenantRecord.STATUS))
                .map(status -> TenantStatus.parse(status.asText()).orElseThrow(() -> ConfigProblems.invalidInput(
                        TenantRecord.STATUS,
                        "status must be one of provisioning, active, suspended, failed, deleted")));
        String reason = statusReason(documentPatch.remove(TenantRecord.STATUS_REASON), requested.isPresent());
        for (String readOnly : List.of(TenantRecord.CREATED_AT, TenantRecord.UPDATED_AT)) {
            if (documentPatch.has(readOnly)) {
                throw ConfigProblems.invalidInput(readOnly, readOnly + " is read-only");
            }
        }
        JsonNode newId = documentPatch.get("tenant_id");
        if (newId != null && !tenantId.equals(newId.asText())) {
            throw ConfigProblems.invalidInput("tenant_id", "tenant_id cannot change");
        }
        // one patch at a time per tenant: the If-Match check and the lifecycle move are judged on the record written
        return writeLocks.serialized(RedisKeys.prefix(tenantId) + "lock:tenant", () -> get(tenantId).chain(record -> {
            ETags.requireMatch(ifMatch, record.etag());
            if (record.status() == TenantStatus.DELETED) {
                throw ConfigProblems.problem(ConfigProblems.INVALID_TRANSITION, 409,
                        "Tenant '" + tenantId + "' is deleted and can no longer change.");
            }
            TenantStatus next = requested.orElse(record.status());
            if (next != record.status() && !record.status().canBecome(next)) {
                throw ConfigProblems.problem(ConfigProblems.INVALID_TRANSITION, 409, "A tenant cannot go from "
                        + record.status().wireName() + " to " + next.wireName() + ".");
            }
            ObjectNode patched = record.document().deepCopy();
            mergePatch(patched, documentPatch);
            // a patch that removes the plan puts the tenant back on the default plan
            ObjectNode document = validator.withDefaults(patched);
            boolean documentChanged = !document.equals(record.document());
            if (documentChanged) {
                requireValid(document);
            }
            TenantRecord updated = record.with(document, next, reason);
            List<String> events = new ArrayList<>();
            if (documentChanged) {
                events.add(TenantEvents.UPDATED);
            }
            if (next != record.status()) {
                events.add(next.eventType());
            }
            Uni<Void> stored = store.update(updated);
            for (String type : events) {
                stored = stored.chain(() -> publish(type, updated));
            }
            return stored.replaceWith(updated);
        }));
    }

    /** {@code status_reason} goes with a status change: a string of at most {@value TenantRecord#MAX_STATUS_REASON}. */
    private static String statusReason(JsonNode reason, boolean withStatus) {
        if (reason == null || reason.isNull()) {
            return null;
        }
        if (!withStatus) {
            throw ConfigProblems.invalidInput(TenantRecord.STATUS_REASON, "status_reason is given with a status");
        }
        if (!reason.isTextual() || reason.asText().isBlank()
                || reason.asText().length() > TenantRecord.MAX_STATUS_REASON) {
            throw ConfigProblems.invalidInput(TenantRecord.STATUS_REASON,
                    "status_reason must be a text of 1 to " + TenantRecord.MAX_STATUS_REASON + " characters");
        }
        return reason.asText();
    }

    private void requireValid(JsonNode document) {
        ValidationReport report = validator.validate(document);
        if (!report.valid()) {
            throw ConfigProblems.unprocessable(ConfigProblems.INVALID_TENANT, "The tenant document has "
                    + report.errors().size() + (report.errors().size() == 1 ? " error." : " errors."),
                    report.violations());
        }
    }

    private Uni<Void> publish(String type, TenantRecord record) {
        return publisher.publish(Topics.TENANTS, record.tenantId(), type, "tenants/" + record.tenantId(),
                record.view());
    }

    /** RFC 7386: null removes, objects merge recursively, anything else replaces. */
    static void mergePatch(ObjectNode target, JsonNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode existing) {
                mergePatch(existing, value);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }
}
