package io.tenancycore.security.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The profile of every {@code @QuarkusTest} *IT: its channels run on the real Kafka broker, whichever plugin runs it
 * ({@code -Dtest='io.tenancycore.x.**'} hands ITs to surefire as well), while unit tests keep the in-memory
 * connector of src/test/resources. All ITs of a module share this profile, so Quarkus starts once for them.
 */
public class RealBroker implements QuarkusTestProfile {

    public static final Map<String, String> CONFIG = Map.of("tenancy.messaging.connector", "smallrye-kafka");

    @Override
    public Map<String, String> getConfigOverrides() {
        return CONFIG;
    }
}
