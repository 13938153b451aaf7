package io.tenancycore.commons.tracing;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The trace of the current request. Set from the incoming {@code traceparent} (or a new root) by
 * {@link TraceparentRouteFilter}; read by code that calls on, e.g. the event publisher putting {@code traceparent}
 * on Kafka records.
 */
@RequestScoped
public class TraceContext {

    private Traceparent current;

    public Optional<Traceparent> current() {
        return Optional.ofNullable(current);
    }

    /** The request's trace, or a new root when there is none (e.g. work started by a timer). */
    public Traceparent currentOrNewRoot() {
        if (current == null) {
            current = Traceparent.newRoot();
        }
        return current;
    }

    public void set(Traceparent traceparent) {
        this.current = traceparent;
    }
}
