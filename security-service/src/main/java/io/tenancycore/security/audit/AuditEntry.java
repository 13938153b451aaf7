package io.tenancycore.security.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * One link of a tenant's audit chain. {@code hash} = SHA-256 over the canonical JSON of every other field (keys
 * sorted, no whitespace), {@code prev_hash} included, so editing, inserting or removing an entry breaks the chain.
 */
public record AuditEntry(@JsonProperty("seq") long seq, @JsonProperty("event_id") String eventId,
        @JsonProperty("time") String time, @JsonProperty("actor") String actor,
        @JsonProperty("tenant_id") String tenantId, @JsonProperty("action") String action,
        @JsonProperty("resource") String resource, @JsonProperty("outcome") String outcome,
        @JsonProperty("source_ip") String sourceIp, @JsonProperty("trace_id") String traceId,
        @JsonProperty("details") Map<String, Object> details, @JsonProperty("prev_hash") String prevHash,
        @JsonProperty("hash") String hash) {

    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    public AuditEntry {
        details = details == null ? Map.of() : new TreeMap<>(details);
    }

    public String computeHash() {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("seq", seq);
        fields.put("event_id", eventId);
        fields.put("time", time);
        fields.put("actor", actor);
        fields.put("tenant_id", tenantId);
        fields.put("action", action);
        fields.put("resource", resource);
        fields.put("outcome", outcome);
        fields.put("source_ip", sourceIp);
        fields.put("trace_id", traceId);
        fields.put("details", details);
        fields.put("prev_hash", prevHash);
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(fields);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash audit entry", e);
        }
    }

    public AuditEntry sealed() {
        AuditEntry unsealed = new AuditEntry(seq, eventId, time, actor, tenantId, action, resource, outcome, sourceIp,
                traceId, details, prevHash, null);
        return new AuditEntry(seq, eventId, time, actor, tenantId, action, resource, outcome, sourceIp, traceId,
                details, prevHash, unsealed.computeHash());
    }

}
