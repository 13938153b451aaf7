package io.tenancycore.alert.rule;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.AlertSignal;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.tenant.TenantIds;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads {@code tenancy.alert-signals} (one consumer group for the service: each signal is evaluated once) and hands
 * each signal to its tenant's rules. A record that is not a readable signal of a valid tenant is logged and skipped.
 */
@ApplicationScoped
public class SignalConsumer {

    static final String CHANNEL = "alert-signals";
    private static final Logger LOG = Logger.getLogger(SignalConsumer.class);

    private final RuleService rules;
    private final ObjectMapper mapper;

    public SignalConsumer(RuleService rules, ObjectMapper mapper) {
        this.rules = rules;
        this.mapper = mapper;
    }

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    public Uni<Void> consume(Message<byte[]> message) {
        return CloudEvents.consume(message, this::handle).onFailure().invoke(e -> LOG.warnf(
                "alert signal skipped: %s", e.toString())).onFailure().recoverWithNull();
    }

    private Uni<Void> handle(CloudEvent event) {
        String tenant = CloudEvents.tenantOf(event);
        if (!TenantIds.isValid(tenant) || event.getData() == null) {
            LOG.warnf("alert signal %s without a valid tenant or data skipped", event.getId());
            return Uni.createFrom().voidItem();
        }
        AlertSignal signal;
        try {
            signal = mapper.readValue(event.getData().toBytes(), AlertSignal.class);
        } catch (java.io.IOException e) {
            LOG.warnf("unreadable alert signal %s skipped", event.getId());
            return Uni.createFrom().voidItem();
        }
        Instant at = signal.observedAt() != null ? signal.observedAt()
                : event.getTime() != null ? event.getTime().toInstant() : Instant.now();
        return rules.evaluate(tenant, signal, at);
    }
}
