package io.tenancycore.security.token;

import io.cloudevents.CloudEvent;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.EventTypes;
import io.tenancycore.commons.events.InstanceId;
import io.tenancycore.commons.events.MalformedEventException;
import io.tenancycore.commons.lease.RedisLease;
import io.tenancycore.security.events.SecurityEvents;
import io.tenancycore.security.store.RedisKeys;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Keeps the signing keys current on every replica: loads them at start (creating the first one), reloads on
 * rotation events and periodically, rotates when the active key is older than the rotation period (one replica,
 * under a Redis lease) and drops retired keys once no unexpired token can carry them.
 */
@ApplicationScoped
public class SigningKeyLifecycle {

    public static final String CHANNEL = "signing-keys";
    static final String LEASE = "lease:signing-key-rotation";
    private static final Logger LOG = Logger.getLogger(SigningKeyLifecycle.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LEASE_TTL = Duration.ofSeconds(30);

    @Inject
    SigningKeyRing ring;
    @Inject
    TokenConfig config;
    @Inject
    SecurityEvents events;
    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    InstanceId instanceId;
    @Inject
    Clock clock;

    /** Before the HTTP server takes requests the ring must be able to sign and verify. */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent start) {
        ring.initialize().await().atMost(STARTUP_TIMEOUT);
        LOG.infof("signing keys loaded, active kid %s", ring.activeKid().orElse("none"));
    }

    /** Every replica (channel {@value #CHANNEL}, group per replica) reloads the ring when another one rotated. */
    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    @Retry(maxRetries = 4, delay = 200, jitter = 0, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 5000)
    public Uni<Void> consume(Message<byte[]> message) {
        return CloudEvents.consume(message, this::onSecurityChange);
    }

    Uni<Void> onSecurityChange(CloudEvent event) {
        return EventTypes.SIGNING_KEY_ROTATED.equals(event.getType()) ? ring.reload() : Uni.createFrom().voidItem();
    }

    @Scheduled(every = "${tenancy.security.tokens.signing-key-refresh-interval:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> maintain() {
        return ring.reload().chain(() -> {
            boolean due = ring.activeSince().map(since -> !since.plus(config.signingKeyRotationPeriod())
                    .isAfter(clock.instant())).orElse(true);
            if (!due) {
                return ring.purgeExpired().replaceWithVoid();
            }
            RedisLease lease = new RedisLease(redis, RedisKeys.platform(LEASE), instanceId.value());
            return lease.runExclusively(LEASE_TTL, rotateIfStillDue(), null)
                    .chain(() -> ring.purgeExpired()).replaceWithVoid();
        }).onFailure().recoverWithItem(failure -> {
            LOG.warnf("signing key maintenance failed: %s", failure.getClass().getName());
            return null;
        });
    }

    private Uni<Void> rotateIfStillDue() {
        return ring.reload().chain(() -> {
            boolean due = ring.activeSince().map(since -> !since.plus(config.signingKeyRotationPeriod())
                    .isAfter(clock.instant())).orElse(true);
            return due ? rotate(ring.activeKid().orElse(null), "scheduled").replaceWithVoid()
                    : Uni.createFrom().voidItem();
        });
    }

    /** Rotates now; every replica reloads on the event. */
    public Uni<String> rotate(String expectedActive, String trigger) {
        return ring.rotate(expectedActive).call(kid -> events.announce(SecurityEvents.SIGNING_KEY_ROTATED, null,
                Map.of("kid", kid, "trigger", trigger)));
    }
}
