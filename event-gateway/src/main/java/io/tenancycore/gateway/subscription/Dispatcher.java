package io.tenancycore.gateway.subscription;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.OutgoingEvents;
import io.tenancycore.gateway.publish.EventMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Delivers the published events ({@code tenancy.events.high|normal|low}, one consumer group for the service so each
 * event is handled once) to the tenant's matching subscriptions, in CloudEvents binary mode. A sink that fails
 * (no answer within the timeout, or a non-2xx status) is retried with the subscription's backoff; after the last
 * attempt the event goes to {@code tenancy.events.dlq} with the reason ({@code deadletterreason}), the subscription
 * ({@code subscriptionid}) and the attempts made. The offset moves on once every subscription was served or
 * dead-lettered. Each priority has its own consumer, so a backlog of low events never delays high ones. Dead letters
 * are also kept per tenant ({@link DeadLetterStore}) for inspection and {@link #replay}. A record Kafka hands out
 * again after its outcome was final is not delivered twice ({@link DeliveryLedger}).
 *
 * <p>Each tenant's events of a priority are delivered in order, in the tenant's own lane ({@link TenantLanes}), and
 * the lanes of different tenants run side by side: a slow or failing sink (timeouts, retries, backoff) delays only
 * its own tenant's later events, never another tenant's. A record is acknowledged once its outcome is final, and the
 * offset of its partition is committed only up to the oldest record not yet acknowledged.
 */
@ApplicationScoped
public class Dispatcher {

    public static final String HIGH = "dispatch-high";
    public static final String NORMAL = "dispatch-normal";
    public static final String LOW = "dispatch-low";
    public static final String DLQ = "events-dlq";
    static final String REASON = "deadletterreason";
    static final String SUBSCRIPTION = "subscriptionid";
    static final String ATTEMPTS = "deliveryattempts";
    /** Records of one priority being delivered or waiting in their tenant's lane, per replica. */
    static final int LANE_CAPACITY = 256;
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final SubscriptionService subscriptions;
    private final DeadLetterStore deadLetterStore;
    private final DeliveryLedger ledger;
    private final MutinyEmitter<byte[]> deadLetters;
    private final WebClient client;
    private final EventMetrics metrics;
    private final TenantLanes highLanes = new TenantLanes(LANE_CAPACITY);
    private final TenantLanes normalLanes = new TenantLanes(LANE_CAPACITY);
    private final TenantLanes lowLanes = new TenantLanes(LANE_CAPACITY);

    public Dispatcher(SubscriptionService subscriptions, DeadLetterStore deadLetterStore, DeliveryLedger ledger,
            @Channel(DLQ) MutinyEmitter<byte[]> deadLetters, Vertx vertx, EventMetrics metrics) {
        this.subscriptions = subscriptions;
        this.deadLetterStore = deadLetterStore;
        this.ledger = ledger;
        this.deadLetters = deadLetters;
        this.client = WebClient.create(vertx);
        this.metrics = metrics;
    }

    @Incoming(HIGH)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> high(Message<byte[]> message) {
        return inTenantLane(highLanes, message);
    }

    @Incoming(NORMAL)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> normal(Message<byte[]> message) {
        return inTenantLane(normalLanes, message);
    }

    @Incoming(LOW)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> low(Message<byte[]> message) {
        return inTenantLane(lowLanes, message);
    }

    /**
     * Dispatches the record in its tenant's lane (the record key) and acknowledges it once its outcome is final; the
     * answer comes as soon as the lanes have room, so the consumer goes on with other tenants' records meanwhile. The
     * connector's throttled commit strategy commits a partition's offset only up to its oldest record not yet
     * acknowledged, so a replica that dies leaves every unfinished event to be delivered again.
     */
    private Uni<Void> inTenantLane(TenantLanes lanes, Message<byte[]> message) {
        String tenant = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(record -> String.valueOf(record.getKey())).orElse("");
        return Uni.createFrom().completionStage(lanes.submit(tenant, () -> dispatch(message)
                .onItemOrFailure().transformToUni((done, failure) -> Uni.createFrom().completionStage(
                        failure == null ? message.ack() : message.nack(failure)))
                .subscribeAsCompletionStage()));
    }

    Uni<Void> dispatch(Message<byte[]> message) {
        CloudEvent event = CloudEvents.of(message);
        String tenant = CloudEvents.tenantOf(event);
        if (tenant == null) {
            return Uni.createFrom().voidItem();
        }
        Instant arrived = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getTimestamp).orElseGet(Instant::now);
        return subscriptions.matching(tenant, event).chain(matching -> {
            if (matching.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<Uni<Void>> deliveries = matching.stream().map(s -> deliverOnce(tenant, s, event, arrived))
                    .toList();
            return Uni.join().all(deliveries).andCollectFailures().replaceWithVoid();
        });
    }

    /** Skips an event the subscription was already served (see {@link DeliveryLedger}), else delivers it. */
    private Uni<Void> deliverOnce(String tenant, Subscription subscription, CloudEvent event, Instant arrived) {
        return ledger.handled(tenant, subscription.id(), event).chain(handled -> {
            if (handled) {
                LOG.debugf("event %s was already served to subscription %s; not delivered again", event.getId(),
                        subscription.id());
                metrics.delivery(tenant, event.getType(), "duplicate");
                return Uni.createFrom().voidItem();
            }
            return deliver(tenant, subscription, event, arrived)
                    .chain(() -> ledger.markHandled(tenant, subscription.id(), event));
        });
    }

    private Uni<Void> deliver(String tenant, Subscription subscription, CloudEvent event, Instant arrived) {
        return attempts(tenant, subscription, event, 1).chain(failure -> failure == null
                ? Uni.createFrom().voidItem().invoke(() -> metrics.deliveredAfter(tenant,
                        Duration.between(arrived, Instant.now())))
                : deadLetter(tenant, subscription, event, failure, subscription.delivery().withDefaults().retry() + 1));
    }

    /**
     * Delivers a dead letter again, with the subscription's delivery settings: taken, the dead letter is removed;
     * refused again, it is dead-lettered again (its reason and attempts updated).
     */
    public Uni<Void> replay(String tenant, Subscription subscription, DeadLetter letter) {
        CloudEvent event = deadLetterStore.event(letter);
        return attempts(tenant, subscription, event, 1).chain(failure -> failure == null
                ? deadLetterStore.delete(tenant, letter.id()).replaceWithVoid()
                : deadLetter(tenant, subscription, event, failure, subscription.delivery().withDefaults().retry() + 1));
    }

    /** Attempt {@code attempt} and the retries after it: {@code null} once the sink took the event, else why not. */
    private Uni<String> attempts(String tenant, Subscription subscription, CloudEvent event, int attempt) {
        Delivery delivery = subscription.delivery().withDefaults();
        return send(subscription, event, delivery).onItem().transformToUni(failure -> {
            if (failure == null) {
                metrics.delivery(tenant, event.getType(), "delivered");
                return Uni.createFrom().nullItem();
            }
            if (attempt > delivery.retry()) {
                return Uni.createFrom().item(failure);
            }
            LOG.debugf("delivery of %s to subscription %s failed (%s); retry %d of %d", event.getId(),
                    subscription.id(), failure, attempt, delivery.retry());
            metrics.delivery(tenant, event.getType(), "retried");
            return Uni.createFrom().voidItem().onItem().delayIt().by(delivery.delayBefore(attempt))
                    .chain(() -> attempts(tenant, subscription, event, attempt + 1));
        });
    }

    /** One attempt: {@code null} when the sink took the event, else why not. */
    private Uni<String> send(Subscription subscription, CloudEvent event, Delivery delivery) {
        HttpRequest<Buffer> request = client.postAbs(subscription.sink()).timeout(delivery.timeout().toMillis());
        return Uni.createFrom().completionStage(() -> VertxMessageFactory.createWriter(request).writeBinary(event)
                .toCompletionStage())
                .map(Dispatcher::outcome)
                .onFailure().recoverWithItem(failure -> "no answer: " + failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : " " + failure.getMessage()));
    }

    private static String outcome(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        return status >= 200 && status < 300 ? null : "sink answered " + status;
    }

    private Uni<Void> deadLetter(String tenant, Subscription subscription, CloudEvent event, String reason,
            int attempts) {
        LOG.infof("event %s of tenant %s dead-lettered for subscription %s after %d attempts: %s", event.getId(),
                tenant, subscription.id(), attempts, reason);
        CloudEvent dead = CloudEventBuilder.from(event).withExtension(REASON, reason)
                .withExtension(SUBSCRIPTION, subscription.id()).withExtension(ATTEMPTS, attempts).build();
        return deadLetters.sendMessage(Message.of(OutgoingEvents.data(dead), OutgoingEvents.metadata(tenant, dead)))
                .chain(() -> deadLetterStore.save(tenant, subscription.id(), event, reason, attempts))
                .invoke(() -> metrics.delivery(tenant, event.getType(), "dead_lettered"));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
