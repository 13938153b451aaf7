package io.tenancycore.commons.audit;

import io.quarkus.arc.Arc;
import io.tenancycore.commons.audit.AuditRecord.Outcome;
import io.tenancycore.commons.error.RequestRefused;
import io.tenancycore.commons.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Every refused request (403: a missing permission, a suspended tenant, a reserved role ...) leaves an audit record
 * with outcome {@code denied}, attributed to the caller and the tenant it acted on.
 */
@ApplicationScoped
public class RefusalAuditor {

    public static final String ACTION = "request.refused";
    private static final int MAX_DETAIL = 300;
    private static final Logger LOG = Logger.getLogger(RefusalAuditor.class);

    @Inject
    AuditLog auditLog;

    void onRefused(@Observes RequestRefused refused) {
        TenantContext caller = Arc.container().requestContext().isActive()
                ? Arc.container().instance(TenantContext.class).get()
                : null;
        String actor = caller == null ? AuditRecord.ANONYMOUS_ACTOR
                : caller.subject().orElse(AuditRecord.ANONYMOUS_ACTOR);
        String tenant = caller == null ? null : caller.tenantId().orElse(null);
        String detail = refused.detail() == null ? "" : refused.detail();
        Map<String, Object> details = Map.of(
                "method", refused.method(),
                "problem_type", refused.type(),
                "status", refused.status(),
                "reason", detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail);
        AuditRecord record = new AuditRecord(actor, tenant, ACTION, refused.path(), Outcome.DENIED,
                caller == null ? null : caller.sourceIp().orElse(null),
                caller == null ? null : caller.traceId().orElse(null), Instant.now(), details);
        // sent without waiting: the refusal must not be delayed by the audit topic
        auditLog.record(record).subscribe().with(ignored -> {
        }, failure -> LOG.debugf("refusal audit not sent: %s", failure));
    }
}
