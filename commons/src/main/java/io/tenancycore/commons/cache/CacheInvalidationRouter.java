package io.tenancycore.commons.cache;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.EventSubscriptions;
import io.tenancycore.commons.events.Subscription;
import io.tenancycore.commons.events.SubscriptionHandle;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Feeds invalidations from the change topics to the L1 of this replica's caches: one BROADCAST subscription per
 * topic, however many caches share it. Other event types on the topic are ignored.
 */
public class CacheInvalidationRouter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CacheInvalidationRouter.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final EventSubscriptions subscriptions;
    private final Map<String, Map<String, TieredCache<?>>> cachesByTopic = new ConcurrentHashMap<>();
    private final Map<String, SubscriptionHandle> handles = new ConcurrentHashMap<>();

    public CacheInvalidationRouter(EventSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** Starts listening on the cache's invalidation topic (once per topic). */
    public void register(TieredCache<?> cache) {
        String topic = cache.settings().invalidationTopic();
        if (topic == null) {
            return;
        }
        cachesByTopic.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).put(cache.name(), cache);
        handles.computeIfAbsent(topic, t -> subscriptions.subscribe(
                Subscription.broadcast("cache-invalidation." + t, event -> route(t, event), t)));
    }

    /** Waits until every subscription got its partitions; invalidations sent before that are not seen. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        for (SubscriptionHandle handle : List.copyOf(handles.values())) {
            if (!handle.awaitAssignment(timeout)) {
                return false;
            }
        }
        return true;
    }

    private Uni<Void> route(String topic, CloudEvent event) {
        if (!CacheInvalidation.EVENT_TYPE.equals(event.getType()) || event.getData() == null) {
            return Uni.createFrom().voidItem();
        }
        CacheInvalidation invalidation;
        try {
            invalidation = MAPPER.readValue(event.getData().toBytes(), CacheInvalidation.class);
        } catch (IOException e) {
            LOG.warnf("ignoring unreadable cache invalidation %s: %s", event.getId(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        TieredCache<?> cache = cachesByTopic.getOrDefault(topic, Map.of()).get(invalidation.cache());
        if (cache != null) {
            cache.onInvalidation(invalidation);
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public void close() {
        handles.keySet().forEach(topic -> subscriptions.unsubscribe("cache-invalidation." + topic));
        handles.clear();
    }
}
