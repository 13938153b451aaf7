package io.tenancycore.deploytests.chart;

import static io.tenancycore.deploytests.chart.Rendered.name;
import static io.tenancycore.deploytests.chart.Rendered.podLabels;
import static io.tenancycore.deploytests.chart.Rendered.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two releases of the chart in one namespace: no object name is shared, and no selector, network policy peer or
 * service URL of one release reaches the other's pods.
 */
class ReleaseIsolationTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void twoReleasesInOneNamespaceNeverCollide(String environment) {
        Rendered blue = ChartRenderer.render("blue", environment);
        Rendered green = ChartRenderer.render("green", environment);
        Set<String> blueObjects = new HashSet<>();
        blue.documents().forEach(d -> blueObjects.add(d.path("kind").asText() + "/" + name(d)));
        for (JsonNode document : green.documents()) {
            String id = document.path("kind").asText() + "/" + name(document);
            assertFalse(blueObjects.contains(id), id + " is rendered by both releases");
        }
        assertEquals(blue.documents().size(), green.documents().size());
        assertTrue(blue.documents().size() > 20, "the chart renders its objects");

        List<JsonNode> greenPods = green.ofKind("Deployment");
        for (JsonNode document : blue.documents()) {
            for (JsonNode selector : selectorsOf(document)) {
                for (JsonNode pod : greenPods) {
                    assertFalse(selects(selector, podLabels(pod)), document.path("kind").asText() + " " + name(document)
                            + " of release blue selects pods of release green (" + name(pod) + ")");
                }
            }
        }
        for (JsonNode deployment : blue.ofKind("Deployment")) {
            for (JsonNode entry : Rendered.env(deployment).values()) {
                String value = entry.path("value").asText();
                if (value.startsWith("http://")) {
                    assertTrue(value.startsWith("http://blue-"), name(deployment) + " calls " + value);
                }
            }
        }
    }

    /** Every label selector in a document that picks pods (not namespaces). */
    private static List<JsonNode> selectorsOf(JsonNode document) {
        JsonNode spec = document.path("spec");
        return switch (document.path("kind").asText()) {
            case "Deployment", "PodDisruptionBudget" -> List.of(spec.path("selector"));
            case "Service" -> List.of(spec.path("selector"));
            case "NetworkPolicy" -> {
                List<JsonNode> selectors = new java.util.ArrayList<>(List.of(spec.path("podSelector")));
                for (JsonNode peer : spec.findValues("from")) {
                    peer.forEach(p -> {
                        if (p.has("podSelector") && !p.has("namespaceSelector")
                                && !p.path("podSelector").toString().contains("strimzi")) {
                            selectors.add(p.path("podSelector"));
                        }
                    });
                }
                for (JsonNode peer : spec.findValues("to")) {
                    peer.forEach(p -> {
                        if (p.has("podSelector") && !p.has("namespaceSelector") && p.path("podSelector").toString()
                                .contains("app.kubernetes.io/instance")) {
                            selectors.add(p.path("podSelector"));
                        }
                    });
                }
                yield selectors;
            }
            default -> List.of();
        };
    }
}
