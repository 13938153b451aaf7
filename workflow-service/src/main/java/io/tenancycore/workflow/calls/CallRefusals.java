package io.tenancycore.workflow.calls;

import io.tenancycore.commons.audit.AuditLog;
import io.tenancycore.commons.audit.AuditRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/** Audits (and logs) every HTTP call of a workflow that the call policy refused at run time. */
@ApplicationScoped
public class CallRefusals {

    public static final String ACTION = "workflow.call.refused";
    private static final Logger LOG = Logger.getLogger(CallRefusals.class);

    private final AuditLog audit;

    public CallRefusals(AuditLog audit) {
        this.audit = audit;
    }

    public void refused(CallContext call, URI target, String reason) {
        LOG.warnf("tenant %s, instance %s: call to %s refused: %s", call.tenantId(), call.instanceId(),
                target.getHost(), reason);
        Map<String, Object> details = new HashMap<>();
        details.put("target_host", String.valueOf(target.getHost()));
        details.put("reason", reason);
        if (call.definition() != null) {
            details.put("definition", call.definition());
        }
        if (call.position() != null) {
            details.put("task", call.position());
        }
        String resource = call.instanceId() == null ? "workflows/instances" : "workflows/instances/" + call.instanceId();
        audit.record(AuditRecord.of(AuditRecord.SYSTEM_ACTOR, call.tenantId(), ACTION, resource,
                AuditRecord.Outcome.DENIED).withDetails(details)).subscribe().with(ignored -> {
                }, error -> LOG.warnf("audit of a refused call failed: %s", error.getMessage()));
    }
}
