package io.tenancycore.security.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.tenancycore.commons.audit.AuditLog;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testsupport.TopicFeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads what the service sends to the audit log ({@code tenancy.audit}, real Kafka) from now on, as the audit store
 * receives it: each record as its JSON map (actor, tenantId, action, resource, outcome, details, …).
 */
public final class AuditCapture implements AutoCloseable {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final List<Map<String, Object>> records = new CopyOnWriteArrayList<>();
    private final List<String> raw = new CopyOnWriteArrayList<>();
    private final ObjectMapper mapper = new ObjectMapper();
    // last: its thread calls keep(), which uses the fields above
    private final TopicFeed feed = new TopicFeed(Topics.AUDIT, this::keep);

    private void keep(CloudEvent event) {
        if (AuditLog.EVENT_TYPE.equals(event.getType()) && event.getData() != null) {
            byte[] data = event.getData().toBytes();
            raw.add(new String(data, java.nio.charset.StandardCharsets.UTF_8));
            try {
                records.add(mapper.readValue(data, MAP));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The records received so far. */
    public List<Map<String, Object>> records() {
        return List.copyOf(records);
    }

    /** The records whose {@code action} is the given one and whose field {@code name} equals {@code value}. */
    public List<Map<String, Object>> find(String action, String name, Object value) {
        return records.stream().filter(record -> action.equals(record.get("action")))
                .filter(record -> value.equals(field(record, name))).toList();
    }

    /** A field of a record under its Java or its snake_case name ({@code tenantId} / {@code tenant_id}). */
    public static Object field(Map<String, Object> record, String name) {
        Object value = record.get(name);
        return value != null ? value : record.get(name.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT));
    }

    /** Every record received so far, as sent (JSON text): for "this never appears anywhere" assertions. */
    public String everything() {
        return String.join("\n", raw);
    }

    @Override
    public void close() throws InterruptedException {
        feed.close();
    }
}
