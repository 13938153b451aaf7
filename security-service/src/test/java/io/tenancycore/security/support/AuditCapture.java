package io.tenancycore.security.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.AuditLog;
import io.tenancycore.commons.events.EventSubscriptions;
import io.tenancycore.commons.events.Subscription;
import io.tenancycore.commons.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads what the service sends to the audit log ({@code tenancy.audit}, real Kafka) from now on, as the audit store
 * receives it: each record as its JSON map (actor, tenantId, action, resource, outcome, details, …).
 */
public final class AuditCapture implements AutoCloseable {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final EventSubscriptions subscriptions;
    private final String name = "audit-capture-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Map<String, Object>> records = new CopyOnWriteArrayList<>();
    private final List<String> raw = new CopyOnWriteArrayList<>();
    private final ObjectMapper mapper = new ObjectMapper();

    public AuditCapture(EventSubscriptions subscriptions) throws InterruptedException {
        this.subscriptions = subscriptions;
        boolean assigned = subscriptions.subscribe(Subscription.broadcast(name, this::keep, Topics.AUDIT))
                .awaitAssignment(Duration.ofSeconds(30));
        assertTrue(assigned, "no partitions of " + Topics.AUDIT + " for the audit capture");
    }

    private Uni<Void> keep(CloudEvent event) {
        if (AuditLog.EVENT_TYPE.equals(event.getType()) && event.getData() != null) {
            byte[] data = event.getData().toBytes();
            raw.add(new String(data, java.nio.charset.StandardCharsets.UTF_8));
            try {
                records.add(mapper.readValue(data, MAP));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Uni.createFrom().voidItem();
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
    public void close() {
        subscriptions.unsubscribe(name);
    }
}
