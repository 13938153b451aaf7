package io.tenancycore.deploytests.chart;

import static io.tenancycore.deploytests.chart.Rendered.container;
import static io.tenancycore.deploytests.chart.Rendered.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code helm lint --strict} passes for the chart as each environment installs it, and the three values files really
 * differ where the environments must: replicas, resources, TLS, autoscaling, log level, profile and core.yaml.
 */
class EnvironmentValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void lintStrictPasses(String environment, @TempDir Path work) {
        LintResult result = ChartRenderer.lintStrict("base".equals(environment) ? null : environment, work);
        assertFalse(result.isFailed(), "helm lint --strict: " + result.getMessages());
        assertEquals(List.of(), ChartRenderer.findings(result));
    }

    @Test
    void devIsOneSmallPodPerServiceWithDebugLogsAndNoTls() {
        Rendered dev = ChartRenderTest.rendered("dev");
        for (JsonNode deployment : dev.ofKind("Deployment")) {
            assertEquals(1, deployment.path("spec").path("replicas").asInt());
            assertEquals("DEBUG", env(deployment).get("QUARKUS_LOG_LEVEL").path("value").asText());
            assertEquals("dev", env(deployment).get("QUARKUS_PROFILE").path("value").asText());
        }
        assertTrue(dev.ofKind("HorizontalPodAutoscaler").isEmpty());
        assertTrue(dev.ofKind("PodDisruptionBudget").isEmpty());
        assertTrue(dev.ofKind("ServiceMonitor").isEmpty(), "dev clusters may lack the Prometheus Operator");
        assertTrue(dev.ofKind("PrometheusRule").isEmpty());
        assertTrue(dev.get("Ingress", "tc-event-gateway").path("spec").path("tls").isMissingNode());
    }

    @Test
    void stagingRunsTwoPodsPerServiceBehindTlsWithTheGatewayAutoscaled() {
        Rendered staging = ChartRenderTest.rendered("staging");
        for (JsonNode deployment : staging.ofKind("Deployment")) {
            String name = Rendered.name(deployment);
            assertEquals("INFO", env(deployment).get("QUARKUS_LOG_LEVEL").path("value").asText());
            assertEquals("staging,internal-tls", env(deployment).get("QUARKUS_PROFILE").path("value").asText());
            if (name.equals("tc-event-gateway")) {
                assertTrue(deployment.path("spec").path("replicas").isMissingNode());
            } else {
                assertEquals(2, deployment.path("spec").path("replicas").asInt(), name);
            }
        }
        assertEquals(List.of("tc-event-gateway"),
                staging.ofKind("HorizontalPodAutoscaler").stream().map(Rendered::name).toList());
        assertEquals(6, staging.ofKind("PodDisruptionBudget").size());
        assertEquals(6, staging.ofKind("ServiceMonitor").size());
        assertEquals(1, staging.ofKind("PrometheusRule").size());
        JsonNode ingress = staging.get("Ingress", "tc-event-gateway");
        assertEquals("letsencrypt-staging", ingress.at("/metadata/annotations/cert-manager.io~1cluster-issuer").asText());
        assertEquals("tenancy-core-staging-tls", ingress.at("/spec/tls/0/secretName").asText());
    }

    @Test
    void prodAutoscalesEveryServiceWithLargerPodsAndProductionTls() {
        Rendered prod = ChartRenderTest.rendered("prod");
        Rendered staging = ChartRenderTest.rendered("staging");
        assertEquals(6, prod.ofKind("HorizontalPodAutoscaler").size());
        assertEquals(6, prod.ofKind("PodDisruptionBudget").size());
        for (JsonNode deployment : prod.ofKind("Deployment")) {
            String name = Rendered.name(deployment);
            assertEquals("WARN", env(deployment).get("QUARKUS_LOG_LEVEL").path("value").asText());
            assertTrue(prod.get("HorizontalPodAutoscaler", name).path("spec").path("minReplicas").asInt() >= 2, name);
            assertFalse(container(deployment).path("resources").equals(
                    container(staging.get("Deployment", name)).path("resources")), name + ": prod sizes its pods");
        }
        assertEquals(3, prod.get("HorizontalPodAutoscaler", "tc-event-gateway").path("spec").path("minReplicas").asInt());
        assertFalse(container(prod.get("Deployment", "tc-event-gateway")).at("/resources/limits/cpu").isMissingNode());
        JsonNode ingress = prod.get("Ingress", "tc-event-gateway");
        assertEquals("letsencrypt-prod", ingress.at("/metadata/annotations/cert-manager.io~1cluster-issuer").asText());
        assertEquals("tenancy-core-tls", ingress.at("/spec/tls/0/secretName").asText());
        assertEquals("api.tenancy-core.io", ingress.at("/spec/rules/0/host").asText());
    }

    @Test
    void onlyAlertAndWorkflowServiceReachOutsideTheClusterInProd() {
        Rendered prod = ChartRenderTest.rendered("prod");
        for (JsonNode policy : prod.ofKind("NetworkPolicy")) {
            boolean external = policy.path("spec").path("egress").toString().contains("ipBlock");
            String svc = Rendered.service(policy);
            assertEquals(svc.equals("alert-service") || svc.equals("workflow-service"), external, Rendered.name(policy));
            if (external) {
                String egress = policy.path("spec").path("egress").toString();
                assertTrue(egress.contains("10.0.0.0/8") && egress.contains("169.254.0.0/16"),
                        "external egress must exclude private and link-local addresses");
            }
        }
    }
}
