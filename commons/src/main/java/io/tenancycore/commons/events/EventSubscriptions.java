package io.tenancycore.commons.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Runs {@link Subscription}s of one application replica. Services register theirs at startup:
 *
 * <pre>{@code
 * void subscribe(@Observes StartupEvent start, EventSubscriptions subscriptions) {
 *     subscriptions.subscribe(Subscription.broadcast("hot-reload", this::reload, Topics.CONFIG_CHANGES));
 * }
 * }</pre>
 *
 * Plain class (no CDI needed) so one JVM can host several "replicas" with different instance ids.
 */
public class EventSubscriptions implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventSubscriptions.class);

    private final KafkaClientFactory clients;
    private final String applicationName;
    private final String instanceId;
    private final ConsumerSettings settings;
    private final MeterRegistry registry;
    private final Map<String, SubscriptionRunner> running = new ConcurrentHashMap<>();

    public EventSubscriptions(KafkaClientFactory clients, String applicationName, String instanceId,
            ConsumerSettings settings, MeterRegistry registry) {
        this.clients = clients;
        this.applicationName = applicationName;
        this.instanceId = instanceId;
        this.settings = settings;
        this.registry = registry;
    }

    public String applicationName() {
        return applicationName;
    }

    public String instanceId() {
        return instanceId;
    }

    /** Starts polling on a dedicated thread; the subscription's name must be unique in this replica. */
    public SubscriptionHandle subscribe(Subscription subscription) {
        String groupId = subscription.groupId(applicationName, instanceId);
        SubscriptionRunner runner = running.compute(subscription.name(), (name, existing) -> {
            if (existing != null) {
                throw new IllegalStateException("subscription " + name + " is already running");
            }
            String clientId = applicationName + "-" + instanceId + "-" + name;
            return new SubscriptionRunner(subscription, groupId, clients.consumer(groupId, clientId,
                    subscription.autoOffsetReset()), settings, registry);
        });
        runner.start();
        LOG.infof("subscribed %s to %s (%s, group %s)", subscription.name(), subscription.topics(),
                subscription.mode(), groupId);
        return runner;
    }

    public List<SubscriptionHandle> subscriptions() {
        return List.copyOf(running.values());
    }

    /** Stops one subscription; it can be subscribed again afterwards. */
    public void unsubscribe(String name) {
        SubscriptionRunner runner = running.remove(name);
        if (runner != null) {
            runner.close();
        }
    }

    @Override
    public void close() {
        running.keySet().forEach(this::unsubscribe);
    }
}
