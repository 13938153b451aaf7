package io.tenancycore.deploytests.kustomize;

import static io.tenancycore.deploytests.chart.Rendered.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenancycore.deploytests.chart.Rendered;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Strimzi resources of k8s/ in base and every overlay: valid against Strimzi 1.2.0's v1 schemas (no deprecated
 * or unknown field, no deprecated annotation), KRaft node pools, a TLS-only listener with authenticated users and
 * simple authorization, the Kafka exporter watching the services' groups, DESIGN's topics with replication that the
 * node count can hold and retention by class.
 */
class KafkaClusterTest {

    static final Map<String, Long> BASE_RETENTION = Map.of("kept", -1L, "bounded", 604_800_000L,
            "dead-letter", 2_592_000_000L);

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void strimziResourcesMatchTheStrimziSchemaWithoutDeprecatedFields(String environment) {
        List<String> problems = new ArrayList<>();
        int strimzi = 0;
        for (JsonNode document : Overlays.render(environment).documents()) {
            if (StrimziSchema.isStrimzi(document)) {
                strimzi++;
                problems.addAll(StrimziSchema.violations(document));
                assertEquals("kafka.strimzi.io/v1", document.path("apiVersion").asText(), name(document));
            }
        }
        assertEquals(List.of(), problems);
        // Kafka, one node pool, six users, thirteen topics
        assertEquals(21, strimzi);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void kafkaServesOnlyTlsWithAuthenticatedUsersAndAuthorization(String environment) {
        assertEquals(List.of(), listenerViolations(Overlays.render(environment).get("Kafka", "tenancy")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void theKafkaExporterWatchesThePlatformsTopicsAndEveryServiceGroup(String environment) {
        JsonNode exporter = Overlays.render(environment).get("Kafka", "tenancy").path("spec").path("kafkaExporter");
        assertTrue(exporter.isObject(), "no kafkaExporter: consumer lag would not be exported");
        Pattern topics = Pattern.compile(exporter.path("topicRegex").asText(".*"));
        Pattern groups = Pattern.compile(exporter.path("groupRegex").asText(".*"));
        for (String topic : KafkaAclTest.ACCESS.topics().keySet()) {
            assertTrue(topics.matcher(topic).matches(), topic);
        }
        for (String service : KafkaAclTest.ACCESS.services()) {
            for (ServiceChannels.Channel channel : ServiceChannels.of(service)) {
                if (channel.incoming()) {
                    assertTrue(groups.matcher(channel.groupId()).matches(), channel.groupId());
                }
            }
        }
        assertFalse(groups.matcher("some-other-app.consumer").matches(), "the exporter should not follow strangers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void stagingAndProdScrapeTheExporterWithTheChartsPrometheus(String environment) {
        List<JsonNode> monitors = Overlays.render(environment).ofKind("PodMonitor");
        assertEquals(1, monitors.size());
        JsonNode monitor = monitors.get(0);
        assertTrue(Rendered.selects(monitor.path("spec").path("selector"), PlatformScopeTest.EXPORTER_POD));
        assertFalse(Rendered.selects(monitor.path("spec").path("selector"), PlatformScopeTest.KAFKA_POD));
        assertEquals("tcp-prometheus", monitor.path("spec").path("podMetricsEndpoints").get(0).path("port").asText());
        assertFalse(monitor.path("spec").has("namespaceSelector"), "the exporter runs in the overlay's namespace");
        JsonNode serviceMonitor = PlatformScopeTest.chart(environment).ofKind("ServiceMonitor").get(0);
        serviceMonitor.path("metadata").path("labels").properties().forEach(label -> {
            if (!label.getKey().startsWith("app.kubernetes.io/") && !label.getKey().equals("helm.sh/chart")) {
                assertEquals(label.getValue().asText(), monitor.path("metadata").path("labels")
                        .path(label.getKey()).asText(), "the chart's Prometheus selects by " + label.getKey());
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev"})
    void withoutThePrometheusOperatorNoPodMonitor(String environment) {
        assertEquals(List.of(), Overlays.render(environment).ofKind("PodMonitor"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void kraftNodePoolsHoldControllersAndBrokersOfThisCluster(String environment) {
        Rendered rendered = Overlays.render(environment);
        Set<String> roles = new TreeSet<>();
        int controllers = 0;
        for (JsonNode pool : rendered.ofKind("KafkaNodePool")) {
            assertEquals("tenancy", pool.path("metadata").path("labels").path("strimzi.io/cluster").asText());
            pool.path("spec").path("roles").forEach(r -> roles.add(r.asText()));
            if (pool.path("spec").path("roles").toString().contains("controller")) {
                controllers += pool.path("spec").path("replicas").asInt();
            }
            assertTrue(pool.path("spec").path("resources").path("limits").has("memory"), name(pool));
        }
        assertEquals(Set.of("broker", "controller"), roles);
        assertEquals(1, controllers % 2, "a KRaft quorum needs an odd number of controllers, has " + controllers);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void replicationFitsTheBrokers(String environment) {
        Rendered rendered = Overlays.render(environment);
        int brokers = brokers(rendered);
        JsonNode config = rendered.get("Kafka", "tenancy").path("spec").path("kafka").path("config");
        for (String key : List.of("offsets.topic.replication.factor", "transaction.state.log.replication.factor",
                "default.replication.factor")) {
            assertTrue(config.path(key).asInt() <= brokers, key + " above " + brokers + " brokers");
        }
        for (JsonNode topic : rendered.ofKind("KafkaTopic")) {
            int replicas = topic.path("spec").path("replicas").asInt();
            int minIsr = topic.path("spec").path("config").path("min.insync.replicas").asInt();
            assertTrue(replicas <= brokers, name(topic) + ": " + replicas + " replicas on " + brokers + " brokers");
            // acks=all producers must survive one broker down wherever there is more than one
            assertTrue(replicas == 1 ? minIsr == 1 : minIsr < replicas && minIsr >= 2, name(topic));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void everyTopicOfTheTableExistsWithItsRetentionClass(String environment) {
        Set<String> topicNames = new TreeSet<>();
        for (JsonNode topic : Overlays.render(environment).ofKind("KafkaTopic")) {
            topicNames.add(topic.path("spec").path("topicName").asText());
            String retentionClass = topic.path("metadata").path("labels").path("tenancycore.io/retention").asText();
            assertTrue(BASE_RETENTION.containsKey(retentionClass), name(topic) + " has no retention class");
            long retention = topic.path("spec").path("config").path("retention.ms").asLong();
            if ("kept".equals(retentionClass)) {
                assertEquals(-1L, retention, name(topic) + " is kept forever in every environment");
            } else {
                assertTrue(retention > 0 && retention <= BASE_RETENTION.get(retentionClass), name(topic));
            }
        }
        assertEquals(new TreeSet<>(KafkaAclTest.ACCESS.topics().keySet()), topicNames);
    }

    @Test
    void stagingDiffersFromBaseAndDevFromProd() {
        Rendered base = Overlays.render("base");
        Rendered staging = Overlays.render("staging");
        assertFalse(storage(base).equals(storage(staging)), "staging's Kafka volumes are base's");
        assertFalse(retention(base, "tenancy-events-high") == retention(staging, "tenancy-events-high"));
        assertFalse(RedisTest.memoryLimit(base).equals(RedisTest.memoryLimit(staging)), "staging's Redis is base's");
        assertEquals(1, brokers(Overlays.render("dev")));
        assertEquals(3, brokers(Overlays.render("prod")));
        assertEquals("100Gi", storage(Overlays.render("prod")));
    }

    // --- failure paths ---

    @Test
    void aPlainListenerOrAnUnauthenticatedOneIsReported() {
        ObjectNode kafka = Overlays.render("base").get("Kafka", "tenancy").deepCopy();
        ObjectNode spec = (ObjectNode) kafka.path("spec").path("kafka");
        spec.withArray("listeners").addObject().put("name", "plain").put("port", 9092).put("type", "internal")
                .put("tls", false);
        spec.remove("authorization");
        assertEquals(List.of("listener plain is not TLS", "listener plain authenticates nobody",
                "listener plain is open to every pod (no networkPolicyPeers)", "no authorization: every user may do "
                        + "everything"), listenerViolations(kafka));
    }

    @Test
    void deprecatedFieldsOldApiVersionsAndAnnotationsAreReported() {
        Rendered base = Overlays.render("base");
        ObjectNode kafka = base.get("Kafka", "tenancy").deepCopy();
        ((ObjectNode) kafka.path("spec").path("kafka")).put("replicas", 3);
        kafka.with("metadata").with("annotations").put("strimzi.io/kraft", "enabled");
        assertEquals(List.of("Kafka tenancy: deprecated annotation strimzi.io/kraft (KRaft is the only mode since "
                + "Strimzi 0.46)", "Kafka tenancy .spec.kafka.replicas: unknown field (not in the Strimzi 1.2.0 "
                + "schema: removed, deprecated or misspelt)"), StrimziSchema.violations(kafka));

        ObjectNode user = base.get("KafkaUser", "alert-service").deepCopy();
        ObjectNode acl = (ObjectNode) user.path("spec").path("authorization").path("acls").get(0);
        acl.remove("operations");
        acl.put("operation", "Read");
        assertEquals(List.of("KafkaUser alert-service .spec.authorization.acls[0].operations is required",
                "KafkaUser alert-service .spec.authorization.acls[0].operation: unknown field (not in the Strimzi "
                        + "1.2.0 schema: removed, deprecated or misspelt)"), StrimziSchema.violations(user));

        ObjectNode topic = base.get("KafkaTopic", "tenancy-audit").deepCopy();
        topic.put("apiVersion", "kafka.strimzi.io/v1beta2");
        assertEquals(List.of("KafkaTopic tenancy-audit: Strimzi 1.2.0 does not serve kafka.strimzi.io/v1beta2 "
                + "KafkaTopic"), StrimziSchema.violations(topic));

        ObjectNode pool = base.get("KafkaNodePool", "dual-role").deepCopy();
        ((ObjectNode) pool.path("spec")).putArray("roles").add("zookeeper");
        assertEquals(List.of("KafkaNodePool dual-role .spec.roles[0]: \"zookeeper\" is not one of "
                + "[\"controller\",\"broker\"]"), StrimziSchema.violations(pool));
    }

    static List<String> listenerViolations(JsonNode kafka) {
        List<String> out = new ArrayList<>();
        JsonNode spec = kafka.path("spec").path("kafka");
        for (JsonNode listener : spec.path("listeners")) {
            String listenerName = listener.path("name").asText();
            if (!listener.path("tls").asBoolean()) {
                out.add("listener " + listenerName + " is not TLS");
            }
            String authentication = listener.path("authentication").path("type").asText();
            if (!Set.of("scram-sha-512", "tls").contains(authentication)) {
                out.add("listener " + listenerName + " authenticates nobody");
            }
            if (listener.path("networkPolicyPeers").isEmpty()) {
                out.add("listener " + listenerName + " is open to every pod (no networkPolicyPeers)");
            }
        }
        if (spec.path("listeners").isEmpty()) {
            out.add("no listener");
        }
        if (!"simple".equals(spec.path("authorization").path("type").asText())) {
            out.add("no authorization: every user may do everything");
        }
        return out;
    }

    static int brokers(Rendered rendered) {
        int brokers = 0;
        for (JsonNode pool : rendered.ofKind("KafkaNodePool")) {
            if (pool.path("spec").path("roles").toString().contains("broker")) {
                brokers += pool.path("spec").path("replicas").asInt();
            }
        }
        return brokers;
    }

    static String storage(Rendered rendered) {
        return rendered.get("KafkaNodePool", "dual-role").path("spec").path("storage").path("volumes").get(0)
                .path("size").asText();
    }

    static long retention(Rendered rendered, String topic) {
        return rendered.get("KafkaTopic", topic).path("spec").path("config").path("retention.ms").asLong();
    }
}
