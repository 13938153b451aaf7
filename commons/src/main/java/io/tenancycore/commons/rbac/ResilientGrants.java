package io.tenancycore.commons.rbac;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The remote RBAC lookup with its fault-tolerance policy. Tunable per deployment with the MicroProfile keys, e.g.
 * {@code io.tenancycore.commons.rbac.ResilientGrants/view/Timeout/value=1000}. When the circuit is open, permission
 * checks fail fast (503) instead of piling up on a dead security-service; views already cached keep working.
 */
@ApplicationScoped
public class ResilientGrants {

    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    public Uni<RbacView> view(GrantsSource source, String tenantId) {
        return source.view(tenantId);
    }
}
