package io.tenancycore.security.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Arrays;

/**
 * The head of a tenant's chain as last appended, MAC'd with the audit key {@code key_id}: stored as JSON in
 * {@code security:{t}:audit:checkpoint}, written in the same Redis script as the entry it names. Verification compares
 * the chain with it, so removing the last entries (truncation) or replacing the head is found even though every
 * remaining link still verifies.
 *
 * @param seq the last entry's seq
 * @param link the last entry's {@code hash}
 * @param legacyThrough how many leading entries are legacy (plain SHA-256) entries written before the chain was keyed;
 *        any unkeyed entry after them is a forgery
 * @param at when it was written (RFC 3339)
 * @param alarm set, and then carried by every later checkpoint, when an append found the chain not matching its
 *        checkpoint (truncated, head replaced, checkpoint forged or rolled back): appending goes on, the evidence stays
 * @param mac HMAC-SHA256 over the scope and every other field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record AuditCheckpoint(@JsonProperty("seq") long seq, @JsonProperty("link") String link,
        @JsonProperty("key_id") String keyId, @JsonProperty("legacy_through") long legacyThrough,
        @JsonProperty("at") String at, @JsonProperty("alarm") String alarm, @JsonProperty("mac") String mac) {

    private static final String DOMAIN = "tenancy-core/audit-checkpoint/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    AuditCheckpoint sealed(byte[] key, String scope) {
        return new AuditCheckpoint(seq, link, keyId, legacyThrough, at, alarm, AuditKeys.mac(key, macInput(scope)));
    }

    boolean verifies(byte[] key, String scope) {
        return key != null && AuditKeys.sameMac(AuditKeys.mac(key, macInput(scope)), mac);
    }

    /** The MAC binds the scope, so one tenant's checkpoint cannot stand in for another's. */
    private byte[] macInput(String scope) {
        try {
            return JSON.writeValueAsBytes(Arrays.asList(DOMAIN, scope, seq, link, keyId, legacyThrough, at, alarm));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the verification answer shows of it (the MAC proves nothing to a reader without the key). */
    public record View(@JsonProperty("seq") long seq, @JsonProperty("link") String link,
            @JsonProperty("key_id") String keyId, @JsonProperty("legacy_through") long legacyThrough,
            @JsonProperty("at") String at) {
    }

    View view() {
        return new View(seq, link, keyId, legacyThrough, at);
    }
}
