package io.tenancycore.commons.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenancycore.commons.audit.AuditRecord.Outcome;
import io.tenancycore.commons.storage.StorageQuotaExceeded;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import org.junit.jupiter.api.Test;

class AuditOutcomeTest {

    @Test
    void authorizationFailuresAreDeniedOtherFailuresAreFailures() {
        assertEquals(Outcome.SUCCESS, AuditedInterceptor.outcomeOf(null));
        assertEquals(Outcome.DENIED, AuditedInterceptor.outcomeOf(new io.quarkus.security.ForbiddenException()));
        assertEquals(Outcome.DENIED, AuditedInterceptor.outcomeOf(new io.quarkus.security.UnauthorizedException()));
        assertEquals(Outcome.DENIED, AuditedInterceptor.outcomeOf(new ForbiddenException()));
        assertEquals(Outcome.DENIED, AuditedInterceptor.outcomeOf(new NotAuthorizedException("Bearer")));
        assertEquals(Outcome.FAILURE, AuditedInterceptor.outcomeOf(new NotFoundException()));
        assertEquals(Outcome.FAILURE, AuditedInterceptor.outcomeOf(new IllegalStateException()));
    }

    @Test
    void aWriteRefusedByTheStorageQuotaIsDeniedAndItsReasonNamesTheQuota() {
        StorageQuotaExceeded refused = new StorageQuotaExceeded("config", "acme", 1_000, 900, 200);
        assertEquals(Outcome.DENIED, AuditedInterceptor.outcomeOf(refused));
        assertEquals(413, AuditedInterceptor.reasonOf(refused).get("status"));
        assertTrue(AuditedInterceptor.reasonOf(refused).get("reason").toString().contains("quota of 1000 bytes"));
    }

    @Test
    void aCallRefusedBecauseRedisIsAwayIsRecordedWithTheStatusTheClientGot() {
        var redisGone = new IllegalStateException("store failed", new java.net.ConnectException("Connection refused"));
        assertEquals(Outcome.FAILURE, AuditedInterceptor.outcomeOf(redisGone));
        assertEquals(java.util.Map.of("reason", "dependency unavailable", "status", 503),
                AuditedInterceptor.reasonOf(redisGone));
        assertEquals(java.util.Map.of("reason", "unexpected error", "status", 500),
                AuditedInterceptor.reasonOf(new IllegalStateException("a bug")));
    }

    @Test
    void recordsNeedActorActionAndOutcome() {
        assertThrows(NullPointerException.class, () -> AuditRecord.of(null, "acme", "a", "r", Outcome.SUCCESS));
        assertThrows(NullPointerException.class, () -> AuditRecord.of("u", "acme", null, "r", Outcome.SUCCESS));
        assertEquals("denied", Outcome.DENIED.wireName());
        assertEquals(Outcome.FAILURE, Outcome.fromWireName("failure"));
    }
}
