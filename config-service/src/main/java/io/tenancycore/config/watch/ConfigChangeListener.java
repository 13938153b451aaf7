package io.tenancycore.config.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.ChannelReadiness;
import io.tenancycore.commons.events.ConfigChanged;
import io.tenancycore.commons.events.ConfigChangesListener;
import io.tenancycore.config.layers.RevisionTracker;
import io.tenancycore.config.support.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Every replica reads every config change (commons' every-replica {@code config-changes} channel): it wakes its
 * watchers and marks older cached views stale.
 */
@ApplicationScoped
public class ConfigChangeListener {

    private static final Logger LOG = Logger.getLogger(ConfigChangeListener.class);

    private final ChangeNotifier notifier;
    private final RevisionTracker tracker;
    private final ObjectMapper mapper;
    private final ConfigChangesListener changes;
    private final ChannelReadiness readiness;

    public ConfigChangeListener(ChangeNotifier notifier, RevisionTracker tracker, ObjectMapper mapper,
            ConfigChangesListener changes, ChannelReadiness readiness) {
        this.changes = changes;
        this.readiness = readiness;
        this.notifier = notifier;
        this.tracker = tracker;
        this.mapper = mapper;
    }

    /** From startup on, so watchers hear of every change another replica makes. */
    void listen(@Observes StartupEvent start) {
        changes.register(this::onEvent);
    }

    /** For tests and readiness: true once the subscription has its partitions. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return readiness.awaitAssignment(ConfigChangesListener.CHANNEL, timeout);
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
