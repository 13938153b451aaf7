package io.tenancycore.template.changes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.EventSink;
import io.tenancycore.commons.events.Topics;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Carries {@link TemplateChange}s between replicas over {@code tenancy.template-changes}: each replica reads the topic
 * with its own consumer group ({@link TemplateChangeListener}) and applies every change to its caches, its own
 * included (idempotent).
 */
public class TemplateChangeBus {

    private static final Logger LOG = Logger.getLogger(TemplateChangeBus.class);

    private final EventSink publisher;
    private final ObjectMapper mapper;
    private final String instanceId;
    private final List<Consumer<TemplateChange>> listeners = new CopyOnWriteArrayList<>();

    public TemplateChangeBus(EventSink publisher, ObjectMapper mapper, String instanceId) {
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

    /** A change read from the topic (another replica's, or this one's own). */
    public Uni<Void> onEvent(CloudEvent event) {
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
