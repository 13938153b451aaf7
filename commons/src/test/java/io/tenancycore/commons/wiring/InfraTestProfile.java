package io.tenancycore.commons.wiring;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Configuration of the @QuarkusTest wiring tests, kept here rather than in a shared application.properties.
 * Kafka comes from {@code kafka.bootstrap.servers} (default localhost:9092), Redis from system property
 * {@code redis.url}.
 */
public class InfraTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.devservices.enabled", "false",
                "quarkus.http.test-port", "0",
                "quarkus.application.name", "commons-wiring-it",
                "quarkus.redis.hosts", "${redis.url:redis://localhost:6379}",
                "tenancy.instance-id", "wiring-it",
                "tenancy.config-dir", "src/test/resources/environments",
                "tenancy.messaging.provision-topics", "true",
                // the channels on the real broker, as RealBroker gives every other *IT
                "tenancy.messaging.connector", "smallrye-kafka",
                "tenancy.cache.\"wiring\".l1-max-size", "5");
    }
}
