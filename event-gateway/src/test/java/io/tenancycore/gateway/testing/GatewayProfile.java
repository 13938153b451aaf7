package io.tenancycore.gateway.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.tenancycore.commons.testsupport.RealBroker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway of every {@code @QuarkusTest} *IT: real Redis and Kafka, the {@link FakeServices} behind it, and a
 * breaker that opens after a few failures so the tests see it open. All ITs share it, so Quarkus starts once.
 */
public class GatewayProfile implements QuarkusTestProfile {

    public static final int BREAKER_VOLUME = 4;
    public static final int STREAMS_PER_TENANT = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(RealBroker.CONFIG);
        config.put("tenancy.gateway.circuit-breaker.request-volume-threshold", Integer.toString(BREAKER_VOLUME));
        config.put("tenancy.gateway.circuit-breaker.delay", "30s");
        config.put("tenancy.gateway.proxy.connect-timeout", "1s");
        config.put("tenancy.events.stream.max-per-tenant", Integer.toString(STREAMS_PER_TENANT));
        config.put("tenancy.events.stream.heartbeat", "1s");
        // the tests' webhook sinks listen on loopback
        config.put("tenancy.gateway.subscriptions.allow-private-sinks", "true");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeServices.class));
    }
}
