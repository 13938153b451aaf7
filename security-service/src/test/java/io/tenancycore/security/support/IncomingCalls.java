package io.tenancycore.security.support;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the path and bearer token of every request this service receives (tests only), so a test can check what a
 * caller's REST client really sent.
 */
@ApplicationScoped
public class IncomingCalls {

    /** One received request: its path and the token of its {@code Authorization: Bearer} header, if any. */
    public record Call(String path, Optional<String> bearer) {
        @Override
        public String toString() {
            return "Call[" + path + "]";
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    void register(@Observes Filters filters) {
        filters.register(this::record, 10_000);
    }

    void record(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        Optional<String> bearer = Optional.ofNullable(authorization).filter(value -> value.startsWith("Bearer "))
                .map(value -> value.substring("Bearer ".length()));
        calls.add(new Call(context.normalizedPath(), bearer));
        context.next();
    }

    public List<Call> to(String path) {
        return calls.stream().filter(call -> call.path().equals(path)).toList();
    }

    public long count(String path) {
        return to(path).size();
    }
}
