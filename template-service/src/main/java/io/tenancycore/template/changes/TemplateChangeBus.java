package io.tenancycore.template.changes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.CloudEventPublisher;
import io.tenancycore.commons.events.EventSubscriptions;
import io.tenancycore.commons.events.Subscription;
import io.tenancycore.commons.events.SubscriptionHandle;
import io.tenancycore.commons.events.Topics;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Carries {@link TemplateChange}s between replicas over {@code tenancy.template-changes}: each replica reads the topic
 * with its own consumer group (BROADCAST) and applies every change to its caches, its own included (idempotent).
 */
public class TemplateChangeBus {

    public static final String SUBSCRIPTION = "template-changes";
    private static final Logger LOG = Logger.getLogger(TemplateChangeBus.class);

    private final CloudEventPublisher publisher;
    private final ObjectMapper mapper;
    private final String instanceId;
    private final List<Consumer<TemplateChange>> listeners = new CopyOnWriteArrayList<>();

    public TemplateChangeBus(CloudEventPublisher publisher, ObjectMapper mapper, String instanceId) {
        this.publisher = publisher;
        this.mapper = mapper;
        this.instanceId = instanceId;
    }

    public String instanceId() {
        return instanceId;
    }

    public void addListener(Consumer<TemplateChange> listener) {
        listeners.add(listener);
    }

    public SubscriptionHandle subscribe(EventSubscriptions subscriptions) {
        return subscriptions.subscribe(Subscription.broadcast(SUBSCRIPTION, this::onEvent, Topics.TEMPLATE_CHANGES));
    }

    /**
     * Applies the change here, then tells the other replicas. A failed publish is logged, not thrown: the change is
     * already stored, and the other replicas' cache TTL bounds how long they can miss it.
     */
    public Uni<Void> announce(TemplateChange change) {
        TemplateChange stamped = new TemplateChange(change.tenantId(), change.kind(), change.name(), change.locale(),
                change.version(), instanceId);
        apply(stamped);
        String subject = change.name() != null ? change.name() : change.kind().name();
        return publisher.publish(Topics.TEMPLATE_CHANGES, change.tenantId(), TemplateChange.EVENT_TYPE, subject,
                stamped)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("template change of tenant %s not announced to other replicas: %s", change.tenantId(),
                            failure.toString());
                    return null;
                });
    }

    Uni<Void> onEvent(CloudEvent event) {
        if (!TemplateChange.EVENT_TYPE.equals(event.getType()) || event.getData() == null) {
            return Uni.createFrom().voidItem();
        }
        try {
            apply(mapper.readValue(event.getData().toBytes(), TemplateChange.class));
        } catch (IOException e) {
            LOG.warnf("ignoring unreadable template change %s: %s", event.getId(), e.getMessage());
        }
        return Uni.createFrom().voidItem();
    }

    private void apply(TemplateChange change) {
        listeners.forEach(listener -> listener.accept(change));
    }
}
