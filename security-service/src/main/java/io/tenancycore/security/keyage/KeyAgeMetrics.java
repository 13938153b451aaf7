package io.tenancycore.security.keyage;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tenancycore.security.crypto.MasterKeyRing;
import io.tenancycore.security.store.RedisKeys;
import io.tenancycore.security.token.SigningKeyRing;
import io.tenancycore.security.token.TokenConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * How old the keys that everything rests on are, so a stalled rotation is an alert rather than a finding in the next
 * audit: the active JWT signing key (with its rotation period beside it, so a rule can compare the two on the same
 * replica) and the master key from {@code ENCRYPTION_KEY}. A master key carries no date of its own; its age counts
 * from the first time any replica ran with it, kept in Redis so it survives restarts and is the same on every replica.
 */
@ApplicationScoped
public class KeyAgeMetrics {

    static final String MASTER_KEY_FIRST_SEEN = "kek:first-seen:";
    private static final Logger LOG = Logger.getLogger(KeyAgeMetrics.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

    @Inject
    SigningKeyRing signingKeys;
    @Inject
    MasterKeyRing masterKeys;
    @Inject
    TokenConfig tokens;
    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    MeterRegistry registry;
    @Inject
    Clock clock;

    private volatile Instant masterKeyInUseSince;

    void register(@Observes StartupEvent start) {
        Gauge.builder("security.signing.key.age", this, KeyAgeMetrics::signingKeyAgeSeconds).baseUnit("seconds")
                .description("Age of the active JWT signing key on this replica").register(registry);
        Gauge.builder("security.signing.key.rotation.period", tokens,
                        config -> config.signingKeyRotationPeriod().toSeconds()).baseUnit("seconds")
                .description("The configured signing-key rotation period").register(registry);
        Gauge.builder("security.master.key.age", this, KeyAgeMetrics::masterKeyAgeSeconds).baseUnit("seconds")
                .description("Time since the current master key (ENCRYPTION_KEY) was first used by any replica")
                .register(registry);
        try {
            refreshMasterKeyAge().await().atMost(STARTUP_TIMEOUT);
        } catch (RuntimeException e) {
            // the gauge stays NaN (no sample) until the next refresh; key age must never stop a service from starting
            LOG.warnf("master key age unknown: %s", e.getClass().getName());
        }
    }

    /** Records (once per master key, first writer wins) when the current master key came into use, then reads it. */
    public Uni<Instant> refreshMasterKeyAge() {
        String key = RedisKeys.platform(MASTER_KEY_FIRST_SEEN + masterKeys.currentId());
        var values = redis.value(Long.class);
        return values.setnx(key, clock.instant().getEpochSecond())
                .chain(() -> values.get(key))
                .map(epochSeconds -> {
                    masterKeyInUseSince = Instant.ofEpochSecond(epochSeconds);
                    return masterKeyInUseSince;
                });
    }

    double signingKeyAgeSeconds() {
        return signingKeys.activeSince().map(this::secondsSince).orElse(Double.NaN);
    }

    double masterKeyAgeSeconds() {
        Instant since = masterKeyInUseSince;
        return since == null ? Double.NaN : secondsSince(since);
    }

    private double secondsSince(Instant instant) {
        return Math.max(0, Duration.between(instant, clock.instant()).toMillis() / 1000.0);
    }
}
