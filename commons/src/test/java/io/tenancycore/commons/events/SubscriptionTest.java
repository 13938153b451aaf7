package io.tenancycore.commons.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    @Test
    void groupIdsFollowTheMode() {
        Subscription broadcast = Subscription.broadcast("hot-reload", e -> Uni.createFrom().voidItem(),
                Topics.CONFIG_CHANGES);
        Subscription work = Subscription.work("audit-store", e -> Uni.createFrom().voidItem(), Topics.AUDIT);

        assertEquals("config-service-pod-1.hot-reload", broadcast.groupId("config-service", "pod-1"));
        assertEquals("latest", broadcast.autoOffsetReset());
        assertEquals("security-service.audit-store", work.groupId("security-service", "pod-1"));
        assertEquals(work.groupId("security-service", "pod-1"), work.groupId("security-service", "pod-2"));
        assertEquals("earliest", work.autoOffsetReset());
    }

    @Test
    void invalidSubscriptionsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Subscription.work("has space", e -> Uni.createFrom().voidItem(), Topics.AUDIT));
        assertThrows(IllegalArgumentException.class,
                () -> new Subscription("no-topics", Subscription.Mode.WORK, List.of(), e -> Uni.createFrom().voidItem()));
        assertThrows(NullPointerException.class, () -> Subscription.work("no-handler", null, Topics.AUDIT));
    }

    @Test
    void backoffGrowsExponentiallyUpToTheCap() {
        ConsumerSettings settings = new ConsumerSettings(10, Duration.ofMillis(100), Duration.ofMillis(500),
                Duration.ofSeconds(1), Duration.ofMillis(100));
        assertEquals(Duration.ofMillis(100), settings.backoffAfter(1));
        assertEquals(Duration.ofMillis(200), settings.backoffAfter(2));
        assertEquals(Duration.ofMillis(400), settings.backoffAfter(3));
        assertEquals(Duration.ofMillis(500), settings.backoffAfter(4));
        assertEquals(Duration.ofMillis(500), settings.backoffAfter(60));
        assertThrows(IllegalArgumentException.class, () -> new ConsumerSettings(0, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ZERO));
    }

    @Test
    void instanceIdPrefersConfigThenHostnameThenRandom() {
        assertEquals("pod-7", InstanceId.resolve(Optional.of("pod-7")).value());
        String fallback = InstanceId.resolve(Optional.of(" ")).value();
        String hostname = System.getenv("HOSTNAME");
        if (hostname != null && !hostname.isBlank()) {
            assertEquals(hostname, fallback);
        } else {
            assertNotEquals(fallback, InstanceId.resolve(Optional.empty()).value(), "random per replica");
        }
    }

    @Test
    void clientFactoryDropsRoleSpecificSettingsAndDefaultsTheBootstrap() {
        KafkaClientFactory factory = new KafkaClientFactory(Map.of("group.id", "from-quarkus"));
        assertEquals(KafkaClientFactory.DEFAULT_BOOTSTRAP_SERVERS, factory.bootstrapServers());
    }

    @Test
    void traceIdIsTheSecondFieldOfTraceparent() {
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736",
                TraceHeaders.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow());
        assertEquals(Optional.empty(), TraceHeaders.traceId("garbage"));
    }
}
