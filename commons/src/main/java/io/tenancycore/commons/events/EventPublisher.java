package io.tenancycore.commons.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes the application's CloudEvents through the {@value #CHANNEL} channel (commons' configuration: Kafka
 * connector, binary mode, idempotent producer, {@code acks=all}); the topic and key travel with each message. The
 * connector's tracing adds the caller's W3C {@code traceparent}.
 */
@ApplicationScoped
public class EventPublisher implements EventSink {

    public static final String CHANNEL = "tenancy-events";

    private final MutinyEmitter<byte[]> emitter;
    private final ObjectMapper mapper;
    private final URI source;

    @Inject
    public EventPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.emitter = emitter;
        this.mapper = mapper;
        this.source = URI.create("/tenancy/" + applicationName);
    }

    public URI source() {
        return source;
    }

    /**
     * Completes once the broker acknowledged the record.
     *
     * @param tenantId record key and {@code tenantid} extension; {@code null} for platform-wide events (no key)
     * @param subject CloudEvents {@code subject}, optional
     * @param data serialized as JSON
     */
    @Override
    public Uni<Void> publish(String topic, String tenantId, String type, String subject, Object data) {
        byte[] json;
        try {
            json = data == null ? new byte[0] : mapper.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("event data is not serializable as JSON", e));
        }
        Uni<Void> sent = emitter.sendMessage(Message.of(json,
                CloudEvents.outgoing(source, topic, tenantId, type, subject)));
        Context caller = Vertx.currentContext();
        if (caller == null) {
            return sent;
        }
        // handed to the emitter outside the request's context, so the acknowledgement (a Kafka thread) never completes
        // on a request context that is gone; the caller continues on its own context
        return sent.runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }
}
