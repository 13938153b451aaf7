package io.tenancycore.security.events;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.EventPublisher;
import io.tenancycore.commons.events.EventTypes;
import io.tenancycore.commons.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Announces security changes on {@code tenancy.security-changes} so every replica of every service can drop what it
 * cached (role grants, keys, policies). A change is already stored when announced; a lost announcement is logged and
 * caches fall back on their expiry.
 */
@ApplicationScoped
public class SecurityEvents {

    // the types are commons' (EventTypes): other services read them
    public static final String PREFIX = EventTypes.SECURITY_PREFIX;
    public static final String ROLES_CHANGED = EventTypes.ROLES_CHANGED;
    public static final String KEY_CREATED = EventTypes.KEY_CREATED;
    public static final String KEY_ROTATED = EventTypes.KEY_ROTATED;
    public static final String KEY_CONFIGURED = EventTypes.KEY_CONFIGURED;
    public static final String KEY_DELETED = EventTypes.KEY_DELETED;
    public static final String SIGNING_KEY_ROTATED = EventTypes.SIGNING_KEY_ROTATED;
    public static final String POLICY_CHANGED = EventTypes.POLICY_CHANGED;
    public static final String CLIENT_CHANGED = EventTypes.CLIENT_CHANGED;
    private static final Logger LOG = Logger.getLogger(SecurityEvents.class);

    @Inject
    EventPublisher publisher;

    /** @param tenantId null for platform-wide changes */
    public Uni<Void> announce(String type, String tenantId, Map<String, Object> data) {
        return publisher.publish(Topics.SECURITY_CHANGES, tenantId, type, tenantId, data)
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("change %s of tenant %s not announced: %s", type, tenantId, failure.getClass().getName());
                    return Uni.createFrom().voidItem();
                });
    }
}
