package io.tenancycore.config.watch;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.ConfigChanged;
import io.tenancycore.commons.events.EventPublisher;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.config.layers.ChangeAnnouncements;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Tells the world about a committed revision: this replica's watchers at once, every replica of every service
 * through {@link ConfigChanged} on {@code tenancy.config-changes}. The write has happened either way; a lost event only
 * delays other replicas until their watchers' timeout re-reads the log, so a publish failure is logged, not
 * returned.
 */
@ApplicationScoped
public class ChangeAnnouncer implements ChangeAnnouncements {

    private static final Logger LOG = Logger.getLogger(ChangeAnnouncer.class);

    private final EventPublisher publisher;
    private final ChangeNotifier notifier;

    public ChangeAnnouncer(EventPublisher publisher, ChangeNotifier notifier) {
        this.publisher = publisher;
        this.notifier = notifier;
    }

    @Override
    public Uni<Void> announce(String tenantId, String owner, long revision, List<String> keys, List<String> layers) {
        notifier.changed(owner, revision);
        String tenant = tenantId == null ? ConfigChanged.ALL_TENANTS : tenantId;
        ConfigChanged data = new ConfigChanged(tenant, revision, keys, layers.get(0), layers);
        return publisher.publish(Topics.CONFIG_CHANGES, tenant, ConfigChanged.TYPE, "revision/" + revision, data)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("config.changed for %s revision %d not published: %s", tenant, revision,
                            failure.toString());
                    return null;
                });
    }
}
