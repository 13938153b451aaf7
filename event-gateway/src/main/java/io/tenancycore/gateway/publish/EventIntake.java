package io.tenancycore.gateway.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.rw.CloudEventRWException;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Problems;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.gateway.edge.GatewayProblems;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the events of one publish request, in any of the CloudEvents HTTP binding's modes: binary ({@code ce-*}
 * headers, the body is the data), structured ({@code application/cloudevents+json}) or batched
 * ({@code application/cloudevents-batch+json}). Every event is checked against {@link EventRules} first, so one 422
 * lists every broken rule of every event; the SDK then reads them, and each gets the path's tenant as its
 * {@code tenantid}, whatever the client put there.
 */
@ApplicationScoped
public class EventIntake {

    public static final String STRUCTURED = "application/cloudevents+json";
    public static final String BATCH = "application/cloudevents-batch+json";
    static final String HEADER_PREFIX = "ce-";
    private static final int UNPROCESSABLE = 422;
    private static final int UNSUPPORTED_MEDIA_TYPE = 415;

    private final ObjectMapper mapper;
    private final EventsConfig config;
    /** Reads CloudEvents in structured mode (the SDK's Jackson module), from JSON trees. */
    private final ObjectMapper cloudEvents = new ObjectMapper().registerModule(JsonFormat.getCloudEventJacksonModule());

    public EventIntake(ObjectMapper mapper, EventsConfig config) {
        this.mapper = mapper;
        this.config = config;
    }

    /**
     * @param headers the request's headers (names in any case)
     * @throws ProblemException 400 unreadable JSON, 415 not a CloudEvent in any mode, 422 broken rules
     */
    public List<CloudEvent> read(String tenantId, MultiMap headers, byte[] body) {
        String mediaType = mediaType(headers.get("Content-Type"));
        List<CloudEvent> events;
        if (BATCH.equals(mediaType)) {
            events = batch(body);
        } else if (STRUCTURED.equals(mediaType)) {
            JsonNode event = parse(body);
            requireValid(event.isObject() ? EventRules.check(attributes(event), "")
                    : List.of(new Violation("$", "must be a CloudEvent object", "type")));
            events = List.of(structured(event));
        } else {
            events = List.of(binary(headers, body));
        }
        return events.stream().map(event -> CloudEventBuilder.from(event)
                .withExtension(CloudEvents.TENANT_EXTENSION, tenantId).build()).toList();
    }

    private List<CloudEvent> batch(byte[] body) {
        JsonNode batch = parse(body);
        if (!batch.isArray()) {
            throw invalid(List.of(new Violation("$", "a batch is a JSON array of CloudEvents", "type")));
        }
        if (batch.isEmpty() || batch.size() > config.maxBatchSize()) {
            throw invalid(List.of(new Violation("$", "a batch holds 1 to " + config.maxBatchSize() + " events",
                    "batch_size")));
        }
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            JsonNode event = batch.get(i);
            if (event.isObject()) {
                violations.addAll(EventRules.check(attributes(event), "[" + i + "]."));
            } else {
                violations.add(new Violation("[" + i + "]", "must be a CloudEvent object", "type"));
            }
        }
        requireValid(violations);
        List<CloudEvent> events = new ArrayList<>(batch.size());
        for (JsonNode event : batch) {
            events.add(structured(event));
        }
        return events;
    }

    /**
     * The SDK reads the event from the tree already parsed (its Jackson deserializer walks the nodes): a batch is
     * parsed once, not written back to bytes and parsed again per event.
     */
    private CloudEvent structured(JsonNode event) {
        try {
            return cloudEvents.treeToValue(event, CloudEvent.class);
        } catch (JsonProcessingException e) {
            throw invalid(List.of(new Violation("$", rootCause(e).getMessage(), "invalid_event")));
        } catch (CloudEventRWException | IllegalArgumentException e) {
            throw invalid(List.of(new Violation("$", e.getMessage(), "invalid_event")));
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private CloudEvent binary(MultiMap headers, byte[] body) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        headers.forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(HEADER_PREFIX)) {
                attributes.put(name.substring(HEADER_PREFIX.length()), header.getValue());
            }
        });
        if (attributes.isEmpty()) {
            throw new ProblemException(GatewayProblems.UNSUPPORTED_EVENT_FORMAT, UNSUPPORTED_MEDIA_TYPE,
                    Problems.reasonPhrase(UNSUPPORTED_MEDIA_TYPE), "Send a CloudEvent in binary mode (ce-* headers, "
                            + "the body is its data), structured mode (" + STRUCTURED + ") or a batch (" + BATCH
                            + ").", List.of());
        }
        requireValid(EventRules.check(attributes, ""));
        try {
            return VertxMessageFactory.createReader(headers, Buffer.buffer(body)).toEvent();
        } catch (CloudEventRWException | IllegalArgumentException e) {
            throw invalid(List.of(new Violation("$", e.getMessage(), "invalid_event")));
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new ProblemException(GatewayProblems.MALFORMED_EVENT, 400, "Bad Request",
                        "The body is empty; a structured event or batch is JSON.", List.of());
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ProblemException(GatewayProblems.MALFORMED_EVENT, 400, "Bad Request",
                    "The body is not valid JSON: " + e.getOriginalMessage(), List.of());
        } catch (java.io.IOException e) {
            throw new ProblemException(GatewayProblems.MALFORMED_EVENT, 400, "Bad Request",
                    "The body is not valid JSON.", List.of());
        }
    }

    /**
     * The event's members as {@link EventRules} reads them. {@code data} is not converted (the rules only ask whether
     * it is there, and converting a large payload into maps and lists for that cost more than the rest of the intake).
     */
    private Map<String, Object> attributes(JsonNode event) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        event.fields().forEachRemaining(member -> attributes.put(member.getKey(),
                EventRules.DATA_MEMBERS.contains(member.getKey()) ? presence(member.getValue())
                        : scalar(member.getValue())));
        return attributes;
    }

    private static Object presence(JsonNode data) {
        return data.isNull() ? null : Boolean.TRUE;
    }

    /** As Jackson would convert it: text, number, boolean or null as such, a structure as a map or list. */
    private Object scalar(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            return mapper.convertValue(value, Object.class);
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.isNumber() ? value.numberValue() : value.asText();
    }

    private static void requireValid(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
    }

    private static ProblemException invalid(List<Violation> violations) {
        return new ProblemException(GatewayProblems.INVALID_EVENT, UNPROCESSABLE, Problems.reasonPhrase(UNPROCESSABLE),
                "The events break the CloudEvents 1.0 rules listed in violations; nothing was published.", violations);
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }
}
