package io.tenancycore.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenancycore.security.store.RedisKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditRecordBoundsTest {

    private static AuditTrail.Fields fields(String actor, String outcome, Map<String, Object> details) {
        return new AuditTrail.Fields("ev", "2025-01-31T12:00:00Z", actor, "acme", "config.update", "config/a", outcome,
                null, "10.0.0.1", null, details, null);
    }

    @Test
    void onlyAValidTenantIdBecomesAScope() {
        assertEquals("acme", AuditRecordBounds.scopeOf("acme"));
        assertEquals("acme_2-x", AuditRecordBounds.scopeOf("acme_2-x"));
        for (String invalid : new String[] {null, "", "_platform", "a}b", "ab", "Acme", "acme:{x}", "1acme",
                "a".repeat(64)}) {
            assertEquals(RedisKeys.PLATFORM, AuditRecordBounds.scopeOf(invalid), String.valueOf(invalid));
        }
        assertTrue(AuditRecordBounds.isScope(RedisKeys.PLATFORM));
        assertFalse(AuditRecordBounds.isScope("a}b"));
    }

    @Test
    void oversizedFieldsAreCutAndListed() throws Exception {
        Map<String, Object> details = new HashMap<>();
        details.put("blob", "y".repeat(10_000));
        details.put("k".repeat(100), 1);
        AuditTrail.Fields bounded = AuditRecordBounds.apply(fields("x".repeat(10_000), "success", details));
        assertEquals(AuditRecordBounds.MAX_ACTOR, bounded.actor().length());
        assertEquals(AuditRecordBounds.MAX_DETAIL_TEXT, ((String) bounded.details().get("blob")).length());
        assertTrue(bounded.details().containsKey("k".repeat(AuditRecordBounds.MAX_DETAIL_KEY)));
        assertEquals(List.of("actor", "details"), bounded.truncated());

        Map<String, Object> many = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            many.put("key" + i, List.of("v".repeat(400), Map.of("deep", Map.of("deeper", Map.of("deepest", 1)))));
        }
        AuditTrail.Fields huge = AuditRecordBounds.apply(fields("alice", "success", many));
        assertTrue(new ObjectMapper().writeValueAsBytes(huge.details()).length <= AuditRecordBounds.MAX_DETAILS_BYTES);
        assertEquals(List.of("details"), huge.truncated());

        AuditTrail.Fields small = AuditRecordBounds.apply(fields("alice", "success", Map.of("n", 1)));
        assertNull(small.truncated());
        assertEquals(Map.of("n", 1), small.details());
    }

    @Test
    void theReasonIsWordsNeverAnExceptionClass() {
        assertEquals("schema rejected", AuditRecordBounds.apply(fields("alice", "failure",
                Map.of("reason", "schema rejected", "error", "java.lang.IllegalStateException"))).reason());
        assertEquals("forbidden: the caller lacks the permission", AuditRecordBounds.apply(fields("alice", "denied",
                Map.of("error", "io.quarkus.security.ForbiddenException"))).reason());
        assertEquals("invalid input", AuditRecordBounds.apply(fields("alice", "failure",
                Map.of("error", "jakarta.validation.ConstraintViolationException"))).reason());
        assertEquals("failed (the producer sent no reason)", AuditRecordBounds.apply(fields("alice", "failure",
                Map.of("error", "com.example.Internal$Boom"))).reason());
        assertEquals("refused (the producer sent no reason)",
                AuditRecordBounds.apply(fields("alice", "denied", Map.of())).reason());
        assertEquals("cross-tenant access refused: the token belongs to another tenant",
                AuditRecordBounds.reasonOf("tenant.cross-access", "denied", Map.of("token_tenant", "other")));
        assertNull(AuditRecordBounds.apply(fields("alice", "success", Map.of())).reason());
    }
}
