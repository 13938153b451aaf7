package io.tenancycore.deploytests.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenancycore.deploytests.RepoPaths;
import io.tenancycore.deploytests.chart.ChartRenderer;
import io.tenancycore.deploytests.chart.Rendered;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart renders one ConfigMap per file of deploy/grafana/dashboards (through the files/grafana symlink), labelled
 * for Grafana's dashboard sidecar and holding the file byte for byte; staging and prod turn them on, dev does not.
 */
class DashboardConfigMapsTest {

    @Test
    void prodRendersEachDashboardFileAsALabelledConfigMap() throws IOException {
        Rendered prod = ChartRenderer.render("tc", "prod");
        Map<String, String> rendered = new TreeMap<>();
        for (JsonNode configMap : prod.ofKind("ConfigMap")) {
            if (!"1".equals(configMap.path("metadata").path("labels").path("grafana_dashboard").asText())) {
                continue;
            }
            assertTrue(Rendered.name(configMap).startsWith("tc-dashboard-"), Rendered.name(configMap));
            assertEquals("Tenancy Core", configMap.path("metadata").path("annotations").path("grafana_folder")
                    .asText());
            assertEquals("tenancy-core", configMap.path("metadata").path("labels")
                    .path("app.kubernetes.io/part-of").asText());
            assertEquals(1, configMap.path("data").size(), Rendered.name(configMap) + " holds one dashboard");
            configMap.path("data").fields().forEachRemaining(e -> rendered.put(e.getKey(), e.getValue().asText()));
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> dashboards = Files.list(RepoPaths.root().resolve(DashboardGenerator.DASHBOARDS))) {
            for (Path file : dashboards.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        assertEquals(4, files.size());
        assertEquals(files, rendered);
    }

    @Test
    void stagingHasThemAndDevDoesNot() {
        assertEquals(4, dashboardConfigMaps(ChartRenderer.render("tc", "staging")).size());
        assertEquals(List.of(), dashboardConfigMaps(ChartRenderer.render("tc", "dev")));
    }

    @Test
    void twoReleasesGetTheirOwnConfigMaps() {
        List<String> first = dashboardConfigMaps(ChartRenderer.render("one", "prod"));
        assertTrue(first.stream().allMatch(name -> name.startsWith("one-dashboard-")), first.toString());
        assertTrue(first.contains("one-dashboard-tenant-overview"), first.toString());
    }

    private static List<String> dashboardConfigMaps(Rendered rendered) {
        return rendered.ofKind("ConfigMap").stream()
                .filter(c -> "1".equals(c.path("metadata").path("labels").path("grafana_dashboard").asText()))
                .map(Rendered::name).sorted().toList();
    }
}
