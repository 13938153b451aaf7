package io.tenancycore.deploytests.kustomize;

import static io.tenancycore.deploytests.chart.Rendered.name;
import static io.tenancycore.deploytests.chart.Rendered.podLabels;
import static io.tenancycore.deploytests.chart.Rendered.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenancycore.deploytests.chart.ChartRenderer;
import io.tenancycore.deploytests.chart.Rendered;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What each overlay touches: its own namespace, and network policies for Kafka and Redis only (the chart's policies
 * own the services' pods; policies add up, so one of ours selecting a service would widen the chart's). Kafka's and
 * Redis' ingress admits exactly the services the chart deploys, and the chart's egress reaches the ports k8s/ serves.
 */
class PlatformScopeTest {

    /** Pod labels Strimzi gives the broker/controller pods and the exporter of the Kafka cluster "tenancy". */
    static final Map<String, String> KAFKA_POD = Map.of("strimzi.io/cluster", "tenancy", "strimzi.io/kind", "Kafka",
            "strimzi.io/name", "tenancy-kafka", "strimzi.io/pool-name", "dual-role");
    static final Map<String, String> EXPORTER_POD = Map.of("strimzi.io/cluster", "tenancy", "strimzi.io/kind",
            "Kafka", "strimzi.io/name", "tenancy-kafka-exporter");
    static final Map<String, String> STRANGER_POD = Map.of("app.kubernetes.io/part-of", "tenancy-core",
            "app.kubernetes.io/name", "debug-shell");

    static Rendered chart(String environment) {
        return ChartRenderer.render("tc", "base".equals(environment) ? null : environment);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void everythingLivesInTheOverlaysOwnNamespace(String environment) {
        String namespace = Overlays.NAMESPACES.get(environment);
        Rendered rendered = Overlays.render(environment);
        List<JsonNode> namespaces = rendered.ofKind("Namespace");
        assertEquals(1, namespaces.size());
        assertEquals(namespace, name(namespaces.get(0)));
        for (JsonNode document : rendered.documents()) {
            assertFalse(document.path("apiVersion").asText().isEmpty(), name(document));
            assertFalse(name(document).isEmpty(), document.toString());
            if (!"Namespace".equals(document.path("kind").asText())) {
                assertEquals(namespace, document.path("metadata").path("namespace").asText(),
                        document.path("kind").asText() + " " + name(document));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void eachOverlayHasANamespaceOfItsOwn(String environment) {
        Set<String> others = new HashSet<>(Overlays.NAMESPACES.values());
        others.remove(Overlays.NAMESPACES.get(environment));
        assertFalse(others.contains(Overlays.NAMESPACES.get(environment)));
        assertEquals(Overlays.NAMESPACES.get(environment), name(Overlays.render(environment).ofKind("Namespace")
                .get(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void networkPoliciesSelectOnlyKafkaAndRedis(String environment) {
        Rendered platform = Overlays.render(environment);
        List<JsonNode> services = chart(environment).ofKind("Deployment");
        assertEquals(6, services.size());
        Map<String, String> redisPod = podLabels(platform.get("StatefulSet", "redis"));
        for (JsonNode policy : platform.ofKind("NetworkPolicy")) {
            JsonNode selector = policy.path("spec").path("podSelector");
            for (JsonNode service : services) {
                assertFalse(selects(selector, podLabels(service)), name(policy) + " selects " + name(service));
            }
            assertFalse(selects(selector, STRANGER_POD), name(policy) + " selects pods that are not Kafka or Redis");
            assertTrue(selects(selector, redisPod) || selects(selector, KAFKA_POD)
                    || selects(selector, EXPORTER_POD), name(policy) + " selects neither Kafka nor Redis");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void kafkaAndRedisAdmitExactlyTheChartsServices(String environment) {
        Rendered platform = Overlays.render(environment);
        JsonNode redisPolicy = platform.get("NetworkPolicy", "redis");
        JsonNode redisPeers = redisPolicy.path("spec").path("ingress").get(0).path("from");
        JsonNode kafkaPeers = platform.get("Kafka", "tenancy").path("spec").path("kafka").path("listeners").get(0)
                .path("networkPolicyPeers");
        for (JsonNode service : chart(environment).ofKind("Deployment")) {
            assertTrue(anySelects(redisPeers, podLabels(service)), "Redis refuses " + name(service));
            assertTrue(anySelects(kafkaPeers, podLabels(service)), "Kafka refuses " + name(service));
        }
        assertFalse(anySelects(redisPeers, STRANGER_POD), "Redis admits any pod of the platform");
        assertFalse(anySelects(kafkaPeers, STRANGER_POD), "Kafka admits any pod of the platform");
        assertEquals("[Ingress, Egress]", List.of(redisPolicy.path("spec").path("policyTypes").get(0).asText(),
                redisPolicy.path("spec").path("policyTypes").get(1).asText()).toString());
        assertTrue(redisPolicy.path("spec").path("egress").isEmpty(), "Redis needs no egress");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void theChartsEgressReachesTheTlsListenerAndRedis(String environment) {
        Rendered platform = Overlays.render(environment);
        int tlsPort = platform.get("Kafka", "tenancy").path("spec").path("kafka").path("listeners").get(0)
                .path("port").asInt();
        Map<String, String> redisPod = podLabels(platform.get("StatefulSet", "redis"));
        for (JsonNode policy : chart(environment).ofKind("NetworkPolicy")) {
            if (policy.path("spec").path("egress").isMissingNode()) {
                continue;
            }
            assertTrue(egressPorts(policy, KAFKA_POD).contains(tlsPort), name(policy) + " cannot reach Kafka's "
                    + "TLS listener on " + tlsPort);
            assertTrue(egressPorts(policy, redisPod).contains(6379), name(policy) + " cannot reach Redis");
        }
    }

    private static boolean anySelects(JsonNode peers, Map<String, String> labels) {
        for (JsonNode peer : peers) {
            if (peer.has("podSelector") && !peer.has("namespaceSelector") && selects(peer.get("podSelector"), labels)) {
                return true;
            }
        }
        return false;
    }

    private static Set<Integer> egressPorts(JsonNode policy, Map<String, String> target) {
        Set<Integer> ports = new HashSet<>();
        for (JsonNode rule : policy.path("spec").path("egress")) {
            if (anySelects(rule.path("to"), target)) {
                rule.path("ports").forEach(p -> ports.add(p.path("port").asInt()));
            }
        }
        return ports;
    }
}
