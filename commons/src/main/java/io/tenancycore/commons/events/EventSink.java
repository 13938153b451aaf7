package io.tenancycore.commons.events;

import io.smallrye.mutiny.Uni;

/** Where a component's events go: {@link EventPublisher} in an application, an in-process stand-in in tests. */
@FunctionalInterface
public interface EventSink {

    /**
     * @param tenantId record key and {@code tenantid} extension; {@code null} for platform-wide events
     * @param subject CloudEvents {@code subject}, optional
     * @param data serialized as JSON
     */
    Uni<Void> publish(String topic, String tenantId, String type, String subject, Object data);
}
