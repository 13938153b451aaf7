package io.tenancycore.security.events;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.CloudEventPublisher;
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

    public static final String PREFIX = "io.tenancycore.security.";
    public static final String ROLES_CHANGED = PREFIX + "roles.changed";
    public static final String KEY_CREATED = PREFIX + "key.created";
    public static final String KEY_ROTATED = PREFIX + "key.rotated";
    public static final String KEY_CONFIGURED = PREFIX + "key.configured";
    public static final String KEY_DELETED = PREFIX + "key.deleted";
    public static final String SIGNING_KEY_ROTATED = PREFIX + "signing-key.rotated";
    public static final String POLICY_CHANGED = PREFIX + "policy.changed";
    public static final String CLIENT_CHANGED = PREFIX + "client.changed";
    private static final Logger LOG = Logger.getLogger(SecurityEvents.class);

    @Inject
    CloudEventPublisher publisher;

    /** @param tenantId null for platform-wide changes */
    public Uni<Void> announce(String type, String tenantId, Map<String, Object> data) {
        return publisher.publish(Topics.SECURITY_CHANGES, tenantId, type, tenantId, data)
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("change %s of tenant %s not announced: %s", type, tenantId, failure.getClass().getName());
                    return Uni.createFrom().voidItem();
                });
    }
}
