package io.tenancycore.commons.error;

import java.net.SocketException;
import java.util.Map;
import java.util.Set;

/**
 * Recognises the failures that mean "a dependency (Redis, Kafka, another service) is down or saturated right now",
 * which DESIGN's conventions answer with 503 and {@code Retry-After} rather than 500. Matched by class name so that
 * commons needs no compile-time dependency on every client that can throw them.
 *
 * <p>A Redis restart shows every one of these on the way: connections refused while it is down, a connection reset
 * or closed under a command when it stops, and {@code LOADING} replies while it reads its AOF back (RedisRestartIT).
 * The exception mappers answer these with a 503; the audit records the same status for the refused call.
 */
public final class DependencyFailures {

    private static final Set<String> UNAVAILABLE = Set.of(
            "io.vertx.core.http.ConnectionPoolTooBusyException",
            "io.netty.channel.ConnectTimeoutException",
            "io.smallrye.mutiny.TimeoutException",
            "org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException",
            "org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException",
            "org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException");
    /**
     * Failures of generic classes that are an outage only by their message: the Vert.x Redis client's "connection
     * closed under a pending command" (either wording), and Redis' transient error replies (starting, busy, failing over).
     */
    private static final Map<String, Set<String>> UNAVAILABLE_BY_MESSAGE = Map.of(
            "io.vertx.core.impl.NoStackTraceThrowable", Set.of("Connection is closed"),
            "io.vertx.redis.client.impl.types.ErrorType", Set.of("CONNECTION_CLOSED", "LOADING", "BUSY",
                    "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN"));
    private static final int MAX_DEPTH = 8;

    private DependencyFailures() {
    }

    /** Whether {@code failure} (or one of its causes) is a dependency outage: answered 503, not 500. */
    public static boolean isUnavailable(Throwable failure) {
        return unavailableCause(failure) != null;
    }

    /** The cause that makes {@code failure} a dependency outage, or {@code null}. */
    static Throwable unavailableCause(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            // SocketException: refused (ConnectException), reset or broken connections to a dependency
            if (current instanceof SocketException || UNAVAILABLE.contains(current.getClass().getName())
                    || unavailableByMessage(current)) {
                return current;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return null;
    }

    private static boolean unavailableByMessage(Throwable failure) {
        Set<String> prefixes = UNAVAILABLE_BY_MESSAGE.get(failure.getClass().getName());
        String message = failure.getMessage();
        return prefixes != null && message != null && prefixes.stream().anyMatch(message::startsWith);
    }
}
