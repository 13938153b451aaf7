package io.tenancycore.commons.error;

import java.net.ConnectException;
import java.util.Set;

/**
 * Recognises the failures that mean "a dependency (Redis, Kafka, another service) is down or saturated right now",
 * which DESIGN's conventions answer with 503 and {@code Retry-After} rather than 500. Matched by class name so that
 * commons needs no compile-time dependency on every client that can throw them.
 */
final class DependencyFailures {

    private static final Set<String> UNAVAILABLE = Set.of(
            "io.vertx.core.http.ConnectionPoolTooBusyException",
            "io.netty.channel.ConnectTimeoutException",
            "io.smallrye.mutiny.TimeoutException",
            "org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException",
            "org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException",
            "org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException");
    private static final int MAX_DEPTH = 8;

    private DependencyFailures() {
    }

    /** The cause that makes {@code failure} a dependency outage, or {@code null}. */
    static Throwable unavailableCause(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current instanceof ConnectException || UNAVAILABLE.contains(current.getClass().getName())) {
                return current;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return null;
    }
}
