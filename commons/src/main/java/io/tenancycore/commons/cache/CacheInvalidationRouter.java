package io.tenancycore.commons.cache;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Feeds invalidations from the change topics to the L1 of this replica's caches, by cache name. Other event types on
 * the topic are ignored. {@link TieredCaches} registers it with
 * {@link io.tenancycore.commons.events.ConfigChangesListener}.
 */
public class CacheInvalidationRouter {

    private static final Logger LOG = Logger.getLogger(CacheInvalidationRouter.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, TieredCache<?>> caches = new ConcurrentHashMap<>();

    /** The cache receives the invalidations other replicas announce for it. */
    public void register(TieredCache<?> cache) {
        if (cache.settings().invalidationTopic() != null) {
            caches.put(cache.name(), cache);
        }
    }

    public Uni<Void> route(CloudEvent event) {
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
        TieredCache<?> cache = caches.get(invalidation.cache());
        if (cache != null) {
            cache.onInvalidation(invalidation);
        }
        return Uni.createFrom().voidItem();
    }
}
