package io.tenancycore.gateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.tenancycore.commons.events.filter.EventFilter;
import jakarta.ws.rs.WebApplicationException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The hub's bounds: streams per tenant and per replica, and a reader that falls behind its buffer. */
class StreamHubTest {

    private static StreamConfig config(int perTenant, int perReplica, int buffer) {
        return new StreamConfig() {
            public int maxPerTenant() {
                return perTenant;
            }

            public int maxPerReplica() {
                return perReplica;
            }

            public int buffer() {
                return buffer;
            }

            public Duration heartbeat() {
                return Duration.ofSeconds(15);
            }

            public Duration maxLifetime() {
                return Duration.ofHours(1);
            }

            public int filterMaxLength() {
                return 2048;
            }
        };
    }

    private static CloudEvent event(String type) {
        return CloudEventBuilder.v1().withId(type + System.nanoTime()).withSource(URI.create("/test")).withType(type)
                .build();
    }

    @Test
    void aReaderThatFallsBehindItsBufferIsEndedAndFreesItsPlace() {
        StreamHub hub = new StreamHub(config(5, 50, 2), new SimpleMeterRegistry());
        AssertSubscriber<CloudEvent> reader = hub.open("acme", EventFilter.EVERYTHING)
                .subscribe().withSubscriber(AssertSubscriber.create(0));
        hub.publish("acme", event("a"));
        hub.publish("acme", event("b"));
        assertEquals(1, hub.openStreams("acme"));
        hub.publish("acme", event("c"));
        reader.request(10);
        reader.assertFailedWith(BackPressureFailure.class);
        assertEquals(0, hub.openStreams("acme"));
    }

    @Test
    void eachTenantAndTheReplicaHaveAMaximumOfStreams() {
        StreamHub hub = new StreamHub(config(2, 3, 8), new SimpleMeterRegistry());
        AssertSubscriber<CloudEvent> first = hub.open("acme", EventFilter.EVERYTHING).subscribe()
                .withSubscriber(AssertSubscriber.create(10));
        hub.open("acme", EventFilter.EVERYTHING).subscribe().withSubscriber(AssertSubscriber.create(10));
        WebApplicationException tenantFull = assertThrows(WebApplicationException.class,
                () -> hub.open("acme", EventFilter.EVERYTHING));
        assertEquals(429, tenantFull.getResponse().getStatus());
        hub.open("globex", EventFilter.EVERYTHING).subscribe().withSubscriber(AssertSubscriber.create(10));
        assertInstanceOf(WebApplicationException.class,
                assertThrows(RuntimeException.class, () -> hub.open("initech", EventFilter.EVERYTHING)));
        first.cancel();
        assertEquals(1, hub.openStreams("acme"));
        hub.open("initech", EventFilter.EVERYTHING).subscribe().withSubscriber(AssertSubscriber.create(10));
        assertEquals(1, hub.openStreams("initech"));
    }

    @Test
    void eventsGoOnlyToTheirTenantsMatchingStreams() {
        StreamHub hub = new StreamHub(config(5, 50, 8), new SimpleMeterRegistry());
        AssertSubscriber<CloudEvent> orders = hub.open("acme", event -> event.getType().startsWith("order."))
                .subscribe().withSubscriber(AssertSubscriber.create(10));
        AssertSubscriber<CloudEvent> other = hub.open("globex", EventFilter.EVERYTHING)
                .subscribe().withSubscriber(AssertSubscriber.create(10));
        hub.publish("acme", event("order.created"));
        hub.publish("acme", event("invoice.paid"));
        hub.publish("globex", event("order.created"));
        assertEquals(1, orders.getItems().size());
        assertEquals("order.created", orders.getItems().get(0).getType());
        assertEquals(1, other.getItems().size());
    }
}
