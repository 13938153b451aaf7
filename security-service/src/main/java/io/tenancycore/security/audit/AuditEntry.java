package io.tenancycore.security.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One link of a tenant's audit chain. Two formats share this record:
 * <ul>
 * <li><b>keyed</b> ({@code key_id} set, written since the chain was keyed): {@code hash} = HMAC-SHA256 with the audit
 * key {@code key_id} over the tenant scope and the canonical JSON of every other field, {@code prev_hash} included (see
 * {@link AuditKeys#link}). Without the key nobody can recompute it after an edit.</li>
 * <li><b>legacy</b> ({@code key_id} null, written before): {@code hash} = plain SHA-256 over the canonical JSON of the
 * fields that existed then. Verified as before, and accepted only as the chain's first entries (the checkpoint's
 * {@code legacy_through}); the first keyed entry links to the last legacy one, which seals them.</li>
 * </ul>
 * Canonical JSON: keys sorted at every level, no whitespace, nulls kept.
 *
 * @param reason why a failure or refusal happened, in words (never an exception class); null on success
 * @param truncated the fields cut to their bounds before storing (see {@link AuditRecordBounds})
 */
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record AuditEntry(@JsonProperty("seq") long seq, @JsonProperty("event_id") String eventId,
        @JsonProperty("time") String time, @JsonProperty("actor") String actor,
        @JsonProperty("tenant_id") String tenantId, @JsonProperty("action") String action,
        @JsonProperty("resource") String resource, @JsonProperty("outcome") String outcome,
        @JsonProperty("reason") String reason, @JsonProperty("source_ip") String sourceIp,
        @JsonProperty("trace_id") String traceId, @JsonProperty("details") Map<String, Object> details,
        @JsonProperty("truncated") List<String> truncated, @JsonProperty("key_id") String keyId,
        @JsonProperty("prev_hash") String prevHash, @JsonProperty("hash") String hash) {

    public static final String GENESIS = "0".repeat(64);
    /** Stands for a stored entry that is not readable JSON (only tampering or corruption makes one). */
    public static final AuditEntry UNREADABLE = new AuditEntry(-1, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    public AuditEntry {
        details = details == null ? Map.of() : new TreeMap<>(details);
        truncated = truncated == null ? null : List.copyOf(truncated);
    }

    public boolean readable() {
        return seq >= 0;
    }

    public boolean keyed() {
        return keyId != null;
    }

    /** The same entry with its link set. */
    public AuditEntry withHash(String newHash) {
        return new AuditEntry(seq, eventId, time, actor, tenantId, action, resource, outcome, reason, sourceIp, traceId,
                details, truncated, keyId, prevHash, newHash);
    }

    /** What the HMAC of a keyed entry covers (besides the scope): every field but {@code hash}. */
    byte[] keyedCanonical() {
        Map<String, Object> fields = commonFields();
        fields.put("reason", reason);
        fields.put("truncated", truncated);
        fields.put("key_id", keyId);
        return canonical(fields);
    }

    /** The pre-HMAC link: SHA-256 over exactly the fields entries had then (byte-compatible with stored entries). */
    String legacyHash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical(commonFields())));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    private Map<String, Object> commonFields() {
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
        return fields;
    }

    private static byte[] canonical(Map<String, Object> fields) {
        try {
            return CANONICAL.writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise audit entry", e);
        }
    }
}
