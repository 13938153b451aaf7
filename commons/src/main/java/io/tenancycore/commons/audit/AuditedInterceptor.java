package io.tenancycore.commons.audit;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.AuditRecord.Outcome;
import io.tenancycore.commons.error.DependencyFailures;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.tenant.TenantContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.WebApplicationException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

@Audited(action = "")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class AuditedInterceptor {

    private static final Logger LOG = Logger.getLogger(AuditedInterceptor.class);
    private static final int UNAUTHORIZED = 401;
    private static final int FORBIDDEN = 403;

    @Inject
    AuditLog auditLog;

    @Inject
    Instance<TenantContext> tenantContext;

    @AroundInvoke
    Object audit(InvocationContext context) throws Exception {
        if (!auditLog.enabled()) {
            return context.proceed();
        }
        // The request context may be gone when an asynchronous result completes: read the caller now.
        Call call = describe(context, tenantContext);
        Object result;
        try {
            result = context.proceed();
        } catch (Exception e) {
            send(call, e);
            throw e;
        }
        if (result instanceof Uni<?> uni) {
            return uni.onItemOrFailure().call((item, failure) -> call.record(failure, auditLog)
                    .onFailure().recoverWithNull());
        }
        if (result instanceof CompletionStage<?> stage) {
            return stage.whenComplete((item, failure) -> send(call, failure));
        }
        send(call, null);
        return result;
    }

    private void send(Call call, Throwable failure) {
        call.record(failure, auditLog).subscribe().with(ignored -> {
        }, error -> LOG.debugf("audit of %s not sent: %s", call.action, error));
    }

    private static Call describe(InvocationContext context, Instance<TenantContext> tenantContext) {
        Audited binding = context.getInterceptorBinding(Audited.class);
        Method method = context.getMethod();
        String resource = binding.resource().isEmpty() ? method.getDeclaringClass().getSimpleName()
                : binding.resource();
        String where = method.getDeclaringClass().getSimpleName() + "#" + method.getName();
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive() || !tenantContext.isResolvable()) {
            return new Call(AuditRecord.SYSTEM_ACTOR, null, binding.action(), resource, null, null, where);
        }
        TenantContext tenant = tenantContext.get();
        return new Call(tenant.subject().orElse(AuditRecord.ANONYMOUS_ACTOR), tenant.tenantId().orElse(null),
                binding.action(), resource, tenant.sourceIp().orElse(null), tenant.traceId().orElse(null), where);
    }

    static Outcome outcomeOf(Throwable failure) {
        if (failure == null) {
            return Outcome.SUCCESS;
        }
        if (failure instanceof io.quarkus.security.AuthenticationFailedException
                || failure instanceof io.quarkus.security.UnauthorizedException
                || failure instanceof io.quarkus.security.ForbiddenException) {
            return Outcome.DENIED;
        }
        if (failure instanceof ProblemException problem && problem.isRefusal()) {
            return Outcome.DENIED;
        }
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse() == null ? 0 : web.getResponse().getStatus();
            if (status == UNAUTHORIZED || status == FORBIDDEN) {
                return Outcome.DENIED;
            }
        }
        return Outcome.FAILURE;
    }

    /**
     * Why a call failed, in words: a problem's detail is written for the client and carries no secret, so it is kept;
     * any other exception's message might, so only its status (or "unexpected error") is recorded.
     */
    static Map<String, Object> reasonOf(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return Map.of("reason", problem.getMessage() == null ? "refused" : problem.getMessage(),
                    "status", problem.status());
        }
        if (failure instanceof WebApplicationException web && web.getResponse() != null) {
            int status = web.getResponse().getStatus();
            return Map.of("reason", jakarta.ws.rs.core.Response.Status.fromStatusCode(status) == null
                    ? "HTTP " + status : jakarta.ws.rs.core.Response.Status.fromStatusCode(status).getReasonPhrase(),
                    "status", status);
        }
        if (DependencyFailures.isUnavailable(failure)) {
            // what the client was answered (ProblemExceptionMappers): a 503, not an unexplained 500
            return Map.of("reason", "dependency unavailable", "status", 503);
        }
        return Map.of("reason", "unexpected error", "status", 500);
    }

    private record Call(String actor, String tenantId, String action, String resource, String sourceIp,
            String traceId, String method) {

        Uni<Void> record(Throwable failure, AuditLog log) {
            Map<String, Object> details = new HashMap<>();
            details.put("method", method);
            if (failure != null) {
                details.putAll(reasonOf(failure));
            }
            return log.record(new AuditRecord(actor, tenantId, action, resource, outcomeOf(failure), sourceIp,
                    traceId, Instant.now(), details));
        }
    }
}
