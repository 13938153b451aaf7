package io.tenancycore.gateway.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Delivery settings and sink rules of a subscription. */
class DeliveryRulesTest {

    @Test
    void backoffIsLinearOrExponential() {
        Delivery linear = new Delivery(3, Delivery.BackoffPolicy.LINEAR, java.time.Duration.ofMillis(100), null);
        Delivery exponential = new Delivery(3, Delivery.BackoffPolicy.EXPONENTIAL, java.time.Duration.ofMillis(100),
                null);
        assertEquals(List.of(100L, 200L, 300L), List.of(linear.delayBefore(1).toMillis(),
                linear.delayBefore(2).toMillis(), linear.delayBefore(3).toMillis()));
        assertEquals(List.of(100L, 200L, 400L), List.of(exponential.delayBefore(1).toMillis(),
                exponential.delayBefore(2).toMillis(), exponential.delayBefore(3).toMillis()));
    }

    @Test
    void sinksOnThePlatformsOwnNetworkAreRecognised() {
        assertTrue(SubscriptionService.isPrivate("127.0.0.1"));
        assertTrue(SubscriptionService.isPrivate("10.1.2.3"));
        assertTrue(SubscriptionService.isPrivate("169.254.169.254"));
        assertTrue(SubscriptionService.isPrivate("localhost"));
        assertTrue(SubscriptionService.isPrivate("[::1]"));
        assertFalse(SubscriptionService.isPrivate("hooks.example.com"));
        assertFalse(SubscriptionService.isPrivate("93.184.216.34"));
    }
}
