package io.tenancycore.commons.rbac;

import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;

/**
 * A cache of this replica that must follow {@code tenancy.security-changes} (roles, bindings, clients, keys):
 * {@link RbacChangeListener} hands every event of the topic to each bean implementing this, so a service needs no
 * consumer of its own for cache invalidation. Handlers are idempotent and quick (drop entries, no remote calls).
 */
public interface SecurityChangeObserver {

    Uni<Void> onSecurityChange(CloudEvent event);
}
