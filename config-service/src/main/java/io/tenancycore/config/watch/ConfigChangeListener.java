package io.tenancycore.config.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.EventSubscriptions;
import io.tenancycore.commons.events.Subscription;
import io.tenancycore.commons.events.SubscriptionHandle;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.config.layers.RevisionTracker;
import io.tenancycore.config.support.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Every replica reads every config change (BROADCAST): it wakes its watchers and marks older cached views stale.
 */
@ApplicationScoped
public class ConfigChangeListener {

    static final String SUBSCRIPTION = "config-watch";
    private static final Logger LOG = Logger.getLogger(ConfigChangeListener.class);

    private final ChangeNotifier notifier;
    private final RevisionTracker tracker;
    private final ObjectMapper mapper;
    private volatile SubscriptionHandle handle;

    public ConfigChangeListener(ChangeNotifier notifier, RevisionTracker tracker, ObjectMapper mapper) {
        this.notifier = notifier;
        this.tracker = tracker;
        this.mapper = mapper;
    }

    void subscribe(@Observes StartupEvent start, EventSubscriptions subscriptions) {
        handle = subscriptions.subscribe(Subscription.broadcast(SUBSCRIPTION, this::onEvent, Topics.CONFIG_CHANGES));
    }

    /** For tests and readiness: true once the subscription has its partitions. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return handle != null && handle.awaitAssignment(timeout);
    }

    Uni<Void> onEvent(CloudEvent event) {
        if (!ConfigChanged.TYPE.equals(event.getType()) || event.getData() == null) {
            return Uni.createFrom().voidItem();
        }
        try {
            ConfigChanged change = mapper.readValue(event.getData().toBytes(), ConfigChanged.class);
            String owner = change.platformWide() ? RedisKeys.PLATFORM : change.tenantId();
            tracker.seen(owner, change.revision());
            notifier.changed(owner, change.revision());
        } catch (IOException e) {
            LOG.warnf("ignoring unreadable config change %s: %s", event.getId(), e.getMessage());
        }
        return Uni.createFrom().voidItem();
    }
}
