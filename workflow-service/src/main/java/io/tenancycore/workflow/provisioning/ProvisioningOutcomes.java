package io.tenancycore.workflow.provisioning;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tenancycore.commons.events.EventSink;
import io.tenancycore.commons.events.TenantEvents;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.workflow.definition.BuiltInTemplates;
import io.tenancycore.workflow.instance.InstanceRecord;
import io.tenancycore.workflow.instance.InstanceTransition;
import io.tenancycore.workflow.instance.TaskRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Announces the end of a {@code tenant_provisioning} instance on {@code tenancy.workflow-events}: {@code
 * tenant.provisioned} when the tenant is active, {@code tenant.provisioning_failed} with the reason (the error of the
 * task that failed first, not the template's closing "undone") when it failed and was undone.
 */
@ApplicationScoped
public class ProvisioningOutcomes {

    private static final Logger LOG = Logger.getLogger(ProvisioningOutcomes.class);

    /** The events' data. */
    public record Outcome(@JsonProperty("tenant_id") String tenantId, @JsonProperty("instance_id") String instanceId,
            String status, String reason, @JsonProperty("failed_task") String failedTask) {
    }

    private final EventSink events;

    public ProvisioningOutcomes(EventSink events) {
        this.events = events;
    }

    void on(@Observes InstanceTransition transition) {
        InstanceRecord r = transition.record();
        if (!BuiltInTemplates.TENANT_PROVISIONING.equals(r.definition)) {
            return;
        }
        Outcome outcome;
        String type;
        if (transition.kind() == InstanceTransition.Kind.COMPLETED) {
            type = TenantEvents.PROVISIONED;
            outcome = new Outcome(r.tenantId, r.id, "active", null, null);
        } else if (transition.kind() == InstanceTransition.Kind.FAILED) {
            type = TenantEvents.PROVISIONING_FAILED;
            TaskRecord first = firstFailure(r.tasks);
            outcome = new Outcome(r.tenantId, r.id, "failed", first == null ? r.error : first.error,
                    first == null ? null : first.name);
        } else {
            return;
        }
        events.publish(Topics.WORKFLOW_EVENTS, r.tenantId, type, r.tenantId, outcome).subscribe().with(
                ignored -> LOG.infof("tenant %s: %s", r.tenantId, type),
                failure -> LOG.warnf(failure, "could not publish %s of tenant %s", type, r.tenantId));
    }

    /**
     * The innermost failed task that failed first (the cause; its enclosing tasks fail with it, later), not the
     * compensation's or the closing raise's.
     */
    static TaskRecord firstFailure(List<TaskRecord> tasks) {
        if (tasks == null) {
            return null;
        }
        return tasks.stream().filter(t -> "failed".equals(t.status) && t.error != null
                && !t.error.contains("provisioning-failed") && !"provision".equals(t.name))
                .min(java.util.Comparator.<TaskRecord, java.time.Instant>comparing(
                        t -> t.endedAt == null ? java.time.Instant.MAX : t.endedAt)
                        .thenComparing(t -> t.startedAt == null ? java.time.Instant.MIN : t.startedAt,
                                java.util.Comparator.reverseOrder()))
                .orElse(null);
    }
}
