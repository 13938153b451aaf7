package io.tenancycore.security.keyage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tenancycore.security.crypto.MasterKeyRing;
import io.tenancycore.security.store.RedisKeys;
import io.tenancycore.security.token.SigningKeyLifecycle;
import io.tenancycore.security.token.SigningKeyRing;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KeyAgeMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    MeterRegistry registry;
    @Inject
    KeyAgeMetrics metrics;
    @Inject
    SigningKeyLifecycle lifecycle;
    @Inject
    SigningKeyRing ring;
    @Inject
    MasterKeyRing masterKeys;
    @Inject
    ReactiveRedisDataSource redis;

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    @Test
    void signingKeyAgeIsThatOfTheActiveKeyAndStartsAgainAfterARotation() {
        double age = gauge("security.signing.key.age");
        double expected = Duration.between(ring.activeSince().orElseThrow(), Instant.now()).toSeconds();
        assertThat(age, allOf(greaterThanOrEqualTo(expected - 1), lessThan(expected + 2)));
        assertEquals(Duration.ofDays(30).toSeconds(), gauge("security.signing.key.rotation.period"));

        lifecycle.rotate(ring.activeKid().orElseThrow(), "test").await().atMost(WAIT);
        ring.reload().await().atMost(WAIT);

        assertThat(gauge("security.signing.key.age"), lessThan(5.0));
    }

    @Test
    void masterKeyAgeCountsFromItsFirstUseRecordedInRedisNotFromThisProcessStart() {
        assertThat(gauge("security.master.key.age"), greaterThanOrEqualTo(0.0));

        // another replica (or an earlier process) started with this master key 400 days ago: that date wins
        String firstSeen = RedisKeys.platform(KeyAgeMetrics.MASTER_KEY_FIRST_SEEN + masterKeys.currentId());
        long fourHundredDaysAgo = Instant.now().minus(Duration.ofDays(400)).getEpochSecond();
        redis.value(Long.class).set(firstSeen, fourHundredDaysAgo).await().atMost(WAIT);
        try {
            metrics.refreshMasterKeyAge().await().atMost(WAIT);
            assertThat(gauge("security.master.key.age"),
                    allOf(greaterThanOrEqualTo(400 * 86400.0), lessThan(400 * 86400.0 + 60)));
        } finally {
            redis.key().del(firstSeen).await().atMost(WAIT);
            metrics.refreshMasterKeyAge().await().atMost(WAIT);
        }
        assertThat(gauge("security.master.key.age"), lessThan(60.0));
    }
}
