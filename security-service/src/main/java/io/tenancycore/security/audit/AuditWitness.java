package io.tenancycore.security.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * A second record of how far each chain has been appended, away from the chain's own keys: one field per scope in
 * {@code security:{_platform}:audit:witness}, value {@code <seq>:<key id>:<mac>}, raised (never lowered) after each
 * append with a key of its own. Restoring an older checkpoint together with the entries it names then still shows, as
 * long as the witness is not rolled back as well.
 */
record AuditWitness(long seq, String keyId, String mac) {

    private static final String DOMAIN = "tenancy-core/audit-witness/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    static AuditWitness sealed(byte[] key, String keyId, String scope, long seq) {
        return new AuditWitness(seq, keyId, AuditKeys.mac(key, macInput(scope, seq)));
    }

    boolean verifies(byte[] key, String scope) {
        return key != null && AuditKeys.sameMac(AuditKeys.mac(key, macInput(scope, seq)), mac);
    }

    String encode() {
        return seq + ":" + keyId + ":" + mac;
    }

    /** @return null when absent; a witness that never verifies when the stored value is malformed */
    static AuditWitness decode(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.split(":", 3);
        if (parts.length != 3) {
            return new AuditWitness(-1, null, null);
        }
        try {
            return new AuditWitness(Long.parseLong(parts[0]), parts[1], parts[2]);
        } catch (NumberFormatException e) {
            return new AuditWitness(-1, null, null);
        }
    }

    private static byte[] macInput(String scope, long seq) {
        try {
            return JSON.writeValueAsBytes(List.of(DOMAIN, scope, seq));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
