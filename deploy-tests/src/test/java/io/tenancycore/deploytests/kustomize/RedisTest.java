package io.tenancycore.deploytests.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenancycore.deploytests.chart.Rendered;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Redis in base and every overlay (RedisChecks), the TLS option where it is on, and the checks' failure paths. */
class RedisTest {

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void redisIsAHardenedNeverEvictingPersistentStore(String environment) {
        assertEquals(List.of(), RedisChecks.violations(Overlays.render(environment).documents()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void stagingAndProdServeTlsOnlyAndTheProbesSpeakIt(String environment) {
        Rendered rendered = Overlays.render(environment);
        String tls = rendered.get("ConfigMap", "redis").path("data").path("tls.conf").asText();
        assertTrue(tls.contains("port 0\n"), "the plain port stays open:\n" + tls);
        assertTrue(tls.contains("tls-port 6379"), tls);
        JsonNode statefulSet = rendered.get("StatefulSet", "redis");
        JsonNode container = Rendered.container(statefulSet);
        assertTrue(RedisChecks.envValue(container, "REDIS_CLI_TLS_ARGS").contains("--tls"));
        assertTrue(statefulSet.path("spec").path("template").path("spec").path("volumes").toString()
                .contains("\"secretName\":\"redis-tls\""));
        assertTrue(container.path("volumeMounts").toString().contains("\"mountPath\":\"/etc/redis-tls\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev"})
    void withoutTheTlsComponentRedisSpeaksPlainTcp(String environment) {
        Rendered rendered = Overlays.render(environment);
        assertFalse(rendered.get("ConfigMap", "redis").path("data").path("tls.conf").asText().contains("tls-port"));
        assertEquals("", RedisChecks.envValue(Rendered.container(rendered.get("StatefulSet", "redis")),
                "REDIS_CLI_TLS_ARGS"));
    }

    @Test
    void overlaysSizeRedisDifferently() {
        assertEquals("256Mi", memoryLimit(Overlays.render("dev")));
        assertEquals("1Gi", memoryLimit(Overlays.render("base")));
        assertEquals("2Gi", memoryLimit(Overlays.render("staging")));
        assertEquals("4Gi", memoryLimit(Overlays.render("prod")));
    }

    // --- failure paths: each wrong manifest is reported ---

    @Test
    void anEvictingPolicyOrNoAofIsReported() {
        assertEquals(List.of("maxmemory-policy is not noeviction: a full Redis would drop state",
                "the append-only file is off"), violationsAfter(docs -> {
                    ObjectNode data = (ObjectNode) find(docs, "ConfigMap").path("data");
                    data.put("redis.conf", data.path("redis.conf").asText()
                            .replace("maxmemory-policy noeviction", "maxmemory-policy allkeys-lru")
                            .replace("appendonly yes", "appendonly no"));
                }));
    }

    @Test
    void aWritableRootAMissingProbeAndALiteralPasswordAreReported() {
        assertEquals(List.of("writable root filesystem", "no readinessProbe",
                "REDIS_PASSWORD is a literal value, not a Secret reference",
                "REDIS_PASSWORD does not come from a Secret"), violationsAfter(docs -> {
                    ObjectNode container = container(docs);
                    ((ObjectNode) container.path("securityContext")).put("readOnlyRootFilesystem", false);
                    container.remove("readinessProbe");
                    for (JsonNode env : container.path("env")) {
                        if ("REDIS_PASSWORD".equals(env.path("name").asText())) {
                            ((ObjectNode) env).remove("valueFrom");
                            ((ObjectNode) env).put("value", "hunter2");
                        }
                    }
                }));
    }

    @Test
    void maxmemoryWithoutHeadroomAndAServiceThatIsNotHeadlessAreReported() {
        assertEquals(List.of("maxmemory 1gb is not within 0.75 of the memory limit 1Gi",
                "the StatefulSet's service redis-headless is not a headless Service"), violationsAfter(docs -> {
                    for (JsonNode env : container(docs).path("env")) {
                        if ("REDIS_MAXMEMORY".equals(env.path("name").asText())) {
                            ((ObjectNode) env).put("value", "1gb");
                        }
                    }
                    for (JsonNode doc : docs) {
                        if ("redis-headless".equals(Rendered.name(doc))) {
                            ((ObjectNode) doc.path("spec")).remove("clusterIP");
                        }
                    }
                }));
    }

    @Test
    void rootCapabilitiesAndAnApiTokenAreReported() {
        assertEquals(List.of("the pod may run as root", "a Kubernetes API token is mounted into Redis",
                "capabilities not all dropped"), violationsAfter(docs -> {
                    ObjectNode pod = (ObjectNode) find(docs, "StatefulSet").path("spec").path("template")
                            .path("spec");
                    ((ObjectNode) pod.path("securityContext")).put("runAsUser", 0);
                    pod.remove("automountServiceAccountToken");
                    ((ObjectNode) container(docs).path("securityContext").path("capabilities")).putArray("add")
                            .add("NET_ADMIN");
                }));
    }

    @Test
    void memoryUnitsAreRead() {
        assertEquals(700L << 20, RedisChecks.redisBytes("700mb"));
        assertEquals(2_000_000_000L, RedisChecks.redisBytes("2g"));
        assertEquals(-1, RedisChecks.redisBytes("lots"));
        assertEquals(4L << 30, RedisChecks.kubernetesBytes("4Gi"));
        assertEquals(512_000_000L, RedisChecks.kubernetesBytes("512M"));
    }

    static String memoryLimit(Rendered rendered) {
        return Rendered.container(rendered.get("StatefulSet", "redis")).path("resources").path("limits")
                .path("memory").asText();
    }

    private static List<String> violationsAfter(Consumer<List<JsonNode>> change) {
        List<JsonNode> docs = new ArrayList<>();
        Overlays.render("base").documents().forEach(d -> docs.add(d.deepCopy()));
        change.accept(docs);
        return RedisChecks.violations(docs);
    }

    private static JsonNode find(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText()) && "redis".equals(Rendered.name(d)))
                .findFirst().orElseThrow();
    }

    private static ObjectNode container(List<JsonNode> docs) {
        return (ObjectNode) ((ArrayNode) find(docs, "StatefulSet").path("spec").path("template").path("spec")
                .path("containers")).get(0);
    }
}
