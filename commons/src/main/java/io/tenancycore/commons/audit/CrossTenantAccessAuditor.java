package io.tenancycore.commons.audit;

import io.tenancycore.commons.audit.AuditRecord.Outcome;
import io.tenancycore.commons.tenant.CrossTenantAccessDenied;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/** Every refused cross-tenant access leaves an audit record with outcome {@code denied}. */
@ApplicationScoped
public class CrossTenantAccessAuditor {

    public static final String ACTION = "tenant.cross-access";
    private static final Logger LOG = Logger.getLogger(CrossTenantAccessAuditor.class);

    @Inject
    AuditLog auditLog;

    void onDenied(@Observes CrossTenantAccessDenied denied) {
        Map<String, Object> details = new HashMap<>();
        if (denied.tokenTenant() != null) {
            details.put("token_tenant", denied.tokenTenant());
        }
        AuditRecord record = new AuditRecord(
                denied.subject() == null ? AuditRecord.ANONYMOUS_ACTOR : denied.subject(),
                denied.requestedTenant(), ACTION, denied.path(), Outcome.DENIED, denied.sourceIp(), denied.traceId(),
                Instant.now(), details);
        // Observers run on the request's thread: send without waiting, the 403 must not be delayed.
        auditLog.record(record).subscribe().with(ignored -> {
        }, failure -> LOG.debugf("cross-tenant audit not sent: %s", failure));
    }
}
