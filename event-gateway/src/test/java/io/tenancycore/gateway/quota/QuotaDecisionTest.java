package io.tenancycore.gateway.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotaDecisionTest {

    @Test
    void anAdmittedRequestTellsWhatIsLeftAndWhenTheHourEnds() {
        Map<String, String> headers = new QuotaDecision(true, 5000, 1200, 1800).headers();
        assertEquals("5000", headers.get("RateLimit-Limit"));
        assertEquals("3800", headers.get("RateLimit-Remaining"));
        assertEquals("1800", headers.get("RateLimit-Reset"));
        assertEquals("5000;w=3600", headers.get("RateLimit-Policy"));
        assertFalse(headers.containsKey("Retry-After"));
    }

    @Test
    void aRefusedRequestSaysWhenToRetry() {
        Map<String, String> headers = new QuotaDecision(false, 3, 3, 61).headers();
        assertEquals("0", headers.get("RateLimit-Remaining"));
        assertEquals("61", headers.get("Retry-After"));
    }

    @Test
    void usageIsAShareOfTheQuotaCappedAtOne() {
        assertEquals(0.25, new QuotaDecision(true, 400, 100, 10).usageRatio());
        assertEquals(1.0, new QuotaDecision(false, 3, 3, 10).usageRatio());
    }

    @Test
    void windowsAreClockHoursAndResetCountsTheSecondsLeft() {
        HourWindow start = HourWindow.at(Instant.parse("2026-12-01T07:00:00Z"));
        HourWindow last = HourWindow.at(Instant.parse("2026-12-01T07:59:59Z"));
        HourWindow next = HourWindow.at(Instant.parse("2026-12-01T08:00:00Z"));
        assertEquals(start.index(), last.index());
        assertNotEquals(last.index(), next.index());
        assertEquals(3600, start.secondsLeft());
        assertEquals(1, last.secondsLeft());
        assertEquals(1800, HourWindow.at(Instant.parse("2026-12-01T07:30:00.900Z")).secondsLeft());
    }

    @Test
    void theCounterKeyKeepsTheTenantInAHashTag() {
        HourWindow window = HourWindow.at(Instant.parse("2026-12-01T07:00:00Z"));
        assertEquals("gateway:{acme}:quota:" + window.index(), QuotaLimiter.key("acme", window));
    }
}
