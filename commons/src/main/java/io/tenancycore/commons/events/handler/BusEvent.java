package io.tenancycore.commons.events.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.cloudevents.CloudEvent;
import io.tenancycore.commons.events.Priority;
import java.io.IOException;

/**
 * One event of the tenants' event bus as an {@link EventHandler} sees it: the seed's {@code event.event_type} and
 * {@code event.tenant_id}, the priority it was published with, and the whole CloudEvent.
 */
public record BusEvent(CloudEvent cloudEvent, String tenantId, Priority priority) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String eventType() {
        return cloudEvent.getType();
    }

    public String id() {
        return cloudEvent.getId();
    }

    /** The data as JSON; a missing node when the event has none or it is not JSON. */
    public JsonNode data() {
        if (cloudEvent.getData() == null) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(cloudEvent.getData().toBytes());
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}
