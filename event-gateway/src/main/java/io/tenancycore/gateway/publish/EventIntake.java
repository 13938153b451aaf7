package io.tenancycore.gateway.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
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
    private static final TypeReference<LinkedHashMap<String, Object>> ATTRIBUTES = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final EventsConfig config;
    private final EventFormat json = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

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
            events = List.of(structured(body));
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
            try {
                events.add(structured(mapper.writeValueAsBytes(event)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return events;
    }

    private CloudEvent structured(byte[] event) {
        try {
            return json.deserialize(event);
        } catch (CloudEventRWException | IllegalArgumentException e) {
            throw invalid(List.of(new Violation("$", e.getMessage(), "invalid_event")));
        }
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

    private Map<String, Object> attributes(JsonNode event) {
        return mapper.convertValue(event, ATTRIBUTES);
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
