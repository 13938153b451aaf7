package io.tenancycore.gateway.quota;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Problems;
import io.tenancycore.gateway.edge.GatewayProblems;
import io.tenancycore.gateway.tenants.GatewayTenants;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Charges one request to a tenant's {@code api_quota_per_hour}: empty when the tenant is not limited, a decision
 * (with its headers) when it was counted, a 429 {@link QuotaExceeded} when the hour's allowance is spent.
 */
@ApplicationScoped
public class TenantQuotas {

    private static final int TOO_MANY_REQUESTS = 429;
    private static final int UNAVAILABLE = 503;
    private static final Logger LOG = Logger.getLogger(TenantQuotas.class);

    private final QuotaConfig config;
    private final GatewayTenants tenants;
    private final QuotaLimiter limiter;
    private final QuotaUsageGauge gauge;

    public TenantQuotas(QuotaConfig config, GatewayTenants tenants, QuotaLimiter limiter, QuotaUsageGauge gauge) {
        this.config = config;
        this.tenants = tenants;
        this.limiter = limiter;
        this.gauge = gauge;
    }

    public Uni<Optional<QuotaDecision>> charge(String tenantId) {
        if (!config.enabled()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return tenants.hourlyQuota(tenantId).chain(quota -> {
            if (quota.isEmpty()) {
                return Uni.createFrom().item(Optional.<QuotaDecision>empty());
            }
            return limiter.acquire(tenantId, quota.getAsLong())
                    .onFailure().transform(TenantQuotas::storeUnavailable)
                    .map(decision -> {
                gauge.record(tenantId, decision);
                if (!decision.allowed()) {
                    throw new QuotaExceeded(tenantId, decision);
                }
                return Optional.of(decision);
            });
        });
    }

    /** The counters live in Redis: without it no request can be counted, so none is let through (503). */
    private static ProblemException storeUnavailable(Throwable failure) {
        LOG.warnf("quota counter unavailable: %s", failure.toString());
        return new ProblemException(GatewayProblems.QUOTA_STORE_UNAVAILABLE, UNAVAILABLE,
                Problems.reasonPhrase(UNAVAILABLE), "The gateway cannot count requests right now; try again shortly.",
                List.of());
    }

    /** 429: the tenant's hourly quota is spent; {@link #decision()} gives the headers, Retry-After included. */
    public static final class QuotaExceeded extends ProblemException {

        private final transient QuotaDecision decision;

        QuotaExceeded(String tenantId, QuotaDecision decision) {
            super(GatewayProblems.QUOTA_EXCEEDED, TOO_MANY_REQUESTS, Problems.reasonPhrase(TOO_MANY_REQUESTS),
                    "Tenant '" + tenantId + "' has used its " + decision.limit()
                            + " API requests of this hour; retry after the time Retry-After gives.",
                    List.of());
            this.decision = decision;
        }

        public QuotaDecision decision() {
            return decision;
        }

        public Map<String, String> headers() {
            return decision.headers();
        }
    }
}
