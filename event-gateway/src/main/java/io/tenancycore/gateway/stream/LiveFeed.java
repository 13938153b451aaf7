package io.tenancycore.gateway.stream;

import io.smallrye.reactive.messaging.ce.CloudEventMetadata;
import io.tenancycore.commons.events.CloudEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Every replica reads the published events ({@code tenancy.events.high|normal|low}) and the workflow events with a
 * consumer group of its own, from the latest offset (a live stream shows what happens from now on), and hands each to
 * the {@link StreamHub}. What cannot be read as a CloudEvent with a tenant is skipped: it belongs to no stream.
 */
@ApplicationScoped
public class LiveFeed {

    public static final String CHANNEL = "live-stream";
    private static final Logger LOG = Logger.getLogger(LiveFeed.class);

    private final StreamHub hub;

    public LiveFeed(StreamHub hub) {
        this.hub = hub;
    }

    @Incoming(CHANNEL)
    public CompletionStage<Void> receive(Message<byte[]> message) {
        try {
            // most events have no reader on this replica: the tenant is looked at first, the event built only for one
            CloudEventMetadata<?> attributes = message.getMetadata(CloudEventMetadata.class).orElse(null);
            Object tenant = attributes == null ? null : attributes.getExtension(CloudEvents.TENANT_EXTENSION)
                    .orElse(null);
            if (tenant != null && hub.openStreams(tenant.toString()) > 0) {
                hub.publish(tenant.toString(), CloudEvents.of(message));
            }
        } catch (RuntimeException unreadable) {
            LOG.debugf("a record that is not a tenant's CloudEvent skipped by the live stream: %s",
                    unreadable.getMessage());
        }
        return message.ack();
    }
}
