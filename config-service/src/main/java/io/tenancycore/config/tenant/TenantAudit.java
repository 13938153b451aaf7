package io.tenancycore.config.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.AuditLog;
import io.tenancycore.commons.audit.AuditRecord;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Audits a tenant's registration under the tenant registered. {@code @Audited} names the tenant of the request's
 * path, and registering has none (the caller is a platform client), so the record would not say which tenant was
 * created; this one does, for a success and for a refusal alike.
 */
@ApplicationScoped
public class TenantAudit {

    static final String ACTION = "tenant.register";

    private final AuditLog log;

    public TenantAudit(AuditLog log) {
        this.log = log;
    }

    <T> Uni<T> registration(TenantContext caller, JsonNode document, Supplier<Uni<T>> register) {
        String actor = caller.subject().orElse(AuditRecord.ANONYMOUS_ACTOR);
        String sourceIp = caller.sourceIp().orElse(null);
        String traceId = caller.traceId().orElse(null);
        JsonNode id = document == null ? null : document.get("tenant_id");
        String tenantId = id != null && id.isTextual() ? id.asText() : null;
        Uni<T> call;
        try {
            call = register.get();
        } catch (RuntimeException e) {
            call = Uni.createFrom().failure(e);
        }
        return call.onItemOrFailure().call((item, failure) -> {
            if (!log.enabled()) {
                return Uni.createFrom().voidItem();
            }
            Map<String, Object> details = new HashMap<>();
            details.put("method", "TenantResource#register");
            AuditRecord.Outcome outcome = AuditRecord.Outcome.SUCCESS;
            if (failure instanceof ProblemException problem) {
                details.put("reason", problem.getMessage() == null ? "refused" : problem.getMessage());
                details.put("status", problem.status());
                outcome = problem.isRefusal() ? AuditRecord.Outcome.DENIED : AuditRecord.Outcome.FAILURE;
            } else if (failure != null) {
                details.put("reason", "unexpected error");
                details.put("status", 500);
                outcome = AuditRecord.Outcome.FAILURE;
            }
            return log.record(new AuditRecord(actor, tenantId, ACTION, "tenant", outcome, sourceIp, traceId,
                    Instant.now(), details)).onFailure().recoverWithNull();
        });
    }
}
