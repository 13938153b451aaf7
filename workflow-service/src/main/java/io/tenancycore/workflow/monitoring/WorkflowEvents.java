package io.tenancycore.workflow.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tenancycore.commons.events.EventSink;
import io.tenancycore.commons.events.EventTypes;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.workflow.instance.InstanceRecord;
import io.tenancycore.workflow.instance.InstanceTransition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Publishes each instance's start and end on {@code tenancy.workflow-events} (the gateway streams them, alert-service
 * alerts on failures), keyed by tenant. A resume is not a second start. Publishing never holds up the instance.
 */
@ApplicationScoped
public class WorkflowEvents {

    private static final Logger LOG = Logger.getLogger(WorkflowEvents.class);

    /** The event's data. */
    public record InstanceEvent(
            @JsonProperty("instance_id") String instanceId,
            @JsonProperty("tenant_id") String tenantId,
            String definition,
            long version,
            String status,
            String error,
            @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("ended_at") Instant endedAt,
            @JsonProperty("duration_ms") Long durationMs) {
    }

    private final EventSink events;

    public WorkflowEvents(EventSink events) {
        this.events = events;
    }

    void on(@Observes InstanceTransition transition) {
        String type = switch (transition.kind()) {
            case STARTED -> EventTypes.WORKFLOW_STARTED;
            case COMPLETED -> EventTypes.WORKFLOW_COMPLETED;
            case FAILED -> EventTypes.WORKFLOW_FAILED;
            case CANCELLED -> EventTypes.WORKFLOW_CANCELLED;
            case RESUMED, RELEASED -> null;
        };
        if (type == null) {
            return;
        }
        InstanceRecord r = transition.record();
        InstanceEvent data = new InstanceEvent(r.id, r.tenantId, r.definition, r.version, r.status.wire(), r.error,
                r.startedAt, r.endedAt, r.durationMs);
        events.publish(Topics.WORKFLOW_EVENTS, r.tenantId, type, r.id, data).subscribe().with(
                ignored -> {
                },
                failure -> LOG.warnf(failure, "could not publish %s of instance %s", type, r.id));
    }
}
