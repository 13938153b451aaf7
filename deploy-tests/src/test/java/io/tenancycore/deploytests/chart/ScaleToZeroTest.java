package io.tenancycore.deploytests.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code replicas: 0} keeps a service deployed but stopped — also where autoscaling is on (an autoscaler would start
 * it again) — and a stopped service gets no disruption budget. Helm's {@code default} reads 0 as unset; the chart
 * must not.
 */
class ScaleToZeroTest {

    @Test
    void replicasZeroStopsTheServiceEvenWhereAutoscalingIsOn() {
        Rendered prod = ChartRenderer.render("tc", "prod", Map.of("services.workflow-service.replicas", 0));
        assertEquals(0, prod.get("Deployment", "tc-workflow-service").path("spec").path("replicas").asInt(-1));
        assertFalse(prod.find("HorizontalPodAutoscaler", "tc-workflow-service").isPresent());
        assertFalse(prod.find("PodDisruptionBudget", "tc-workflow-service").isPresent());
        // the others keep their autoscalers and budgets
        assertTrue(prod.find("HorizontalPodAutoscaler", "tc-config-service").isPresent());
        assertTrue(prod.find("PodDisruptionBudget", "tc-config-service").isPresent());
    }

    @Test
    void replicasZeroAsTheDefaultStopsEveryService() {
        Rendered dev = ChartRenderer.render("tc", "dev", Map.of("defaults.replicas", 0));
        dev.ofKind("Deployment").forEach(d -> assertEquals(0, d.path("spec").path("replicas").asInt(-1),
                Rendered.name(d)));
        assertTrue(dev.ofKind("PodDisruptionBudget").isEmpty());
    }

    @Test
    void aSingleFixedReplicaGetsNoBudgetButTwoDo() {
        Rendered one = ChartRenderer.render("tc", "staging", Map.of("services.config-service.replicas", 1));
        assertFalse(one.find("PodDisruptionBudget", "tc-config-service").isPresent());
        assertTrue(one.find("PodDisruptionBudget", "tc-template-service").isPresent());
        assertEquals(1, one.get("PodDisruptionBudget", "tc-template-service").path("spec").path("maxUnavailable")
                .asInt());
    }
}
