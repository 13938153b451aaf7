package io.tenancycore.commons.wiring;

import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.Audited;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Mutations as a service would write them. */
@ApplicationScoped
public class AuditedTestBean {

    @Audited(action = "widget.create", resource = "widgets")
    public Uni<String> create(String name, boolean fail) {
        // completes later, on another thread, like a Redis or HTTP call would
        return Uni.createFrom().item(name).onItem().delayIt().by(Duration.ofMillis(50))
                .onItem().transform(n -> {
                    if (fail) {
                        throw new IllegalStateException("storage unavailable");
                    }
                    return n;
                });
    }

    @Audited(action = "widget.delete")
    public void delete(String name) {
        throw new ForbiddenException("missing widgets:delete");
    }
}
