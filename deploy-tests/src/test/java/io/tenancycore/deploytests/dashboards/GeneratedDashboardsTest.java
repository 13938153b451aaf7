package io.tenancycore.deploytests.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tenancycore.deploytests.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed deploy/grafana/dashboards/*.json are exactly the generator's output for the committed catalog (so
 * they cannot drift from it), every expression of dashboards and alert rules names only catalogued metrics, and the
 * JSON is the Grafana model the provisioning sidecar loads. {@code -Dtenancy.dashboards.write=true} rewrites the files
 * instead of comparing.
 */
class GeneratedDashboardsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static MetricCatalog catalog;
    private static Map<String, String> generated;

    @BeforeAll
    static void generate() throws IOException {
        catalog = MetricCatalog.load(RepoPaths.root().resolve(DashboardGenerator.CATALOG));
        generated = DashboardGenerator.generate(catalog);
        if (Boolean.getBoolean("tenancy.dashboards.write")) {
            DashboardGenerator.main(new String[] {RepoPaths.root().toString()});
        }
    }

    @Test
    void committedDashboardsAreTheGeneratorsOutput() throws IOException {
        Set<String> committed = new TreeSet<>();
        try (Stream<Path> files = Files.list(dashboards())) {
            files.forEach(f -> committed.add(f.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(generated.keySet()), committed,
                "deploy/grafana/dashboards holds other files than the generator writes");
        for (Map.Entry<String, String> file : generated.entrySet()) {
            assertEquals(file.getValue(), Files.readString(dashboards().resolve(file.getKey())), file.getKey()
                    + " differs from the generator's output; regenerate with -Dtenancy.dashboards.write=true");
        }
        assertEquals(List.of("tenant-overview.json", "system-performance.json", "business-metrics.json",
                "alerts-incidents.json"), List.copyOf(generated.keySet()));
    }

    @Test
    void everyDashboardExpressionNamesOnlyCataloguedMetrics() throws IOException {
        Set<String> known = catalog.bySeries().keySet();
        List<String> unknown = new ArrayList<>();
        int expressions = 0;
        for (String file : generated.keySet()) {
            for (String expr : expressions(JSON.readTree(generated.get(file)))) {
                expressions++;
                Set<String> names = PromQl.metricNames(expr);
                assertFalse(names.isEmpty(), file + ": no metric in " + expr);
                names.stream().filter(n -> !known.contains(n)).forEach(n -> unknown.add(file + ": " + n));
            }
        }
        assertTrue(expressions >= 30, "only " + expressions + " expressions");
        assertEquals(List.of(), unknown);
    }

    @Test
    void everyAlertRuleNamesOnlyCataloguedMetrics() throws IOException {
        Set<String> known = catalog.bySeries().keySet();
        JsonNode rules = YAML.readTree(RepoPaths.prometheus().resolve("rules.yaml").toFile());
        List<String> unknown = new ArrayList<>();
        for (JsonNode expr : rules.findValues("expr")) {
            PromQl.metricNames(expr.asText()).stream().filter(n -> !known.contains(n)).forEach(unknown::add);
        }
        assertEquals(List.of(), unknown, "rules.yaml uses metrics the catalog does not list");
    }

    @Test
    void theGeneratorRefusesAnExpressionOnAnUncataloguedMetric() {
        MetricCatalog withoutRequests = new MetricCatalog(catalog.metrics().stream()
                .filter(m -> !m.name().equals("tenant_requests_total")).toList());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> DashboardGenerator.generate(withoutRequests));
        assertTrue(refused.getMessage().contains("tenant-overview.json: tenant_requests_total"), refused.getMessage());
    }

    @Test
    void dashboardsAreGrafanaSchema39WithADataSourceVariable() throws IOException {
        Set<String> uids = new HashSet<>();
        for (Map.Entry<String, String> file : generated.entrySet()) {
            JsonNode dashboard = JSON.readTree(file.getValue());
            String name = file.getKey();
            assertEquals(39, dashboard.path("schemaVersion").asInt(), name);
            assertTrue(uids.add(dashboard.path("uid").asText()), name + ": uid reused");
            assertTrue(dashboard.path("uid").asText().length() <= 40, name + ": Grafana uids are at most 40 chars");
            JsonNode variables = dashboard.path("templating").path("list");
            assertEquals("datasource", variables.path(0).path("type").asText(), name);
            assertEquals("prometheus", variables.path(0).path("query").asText(), name);
            boolean usesTenant = file.getValue().contains("$tenant");
            boolean hasTenant = false;
            for (JsonNode variable : variables) {
                hasTenant |= variable.path("name").asText().equals("tenant");
            }
            assertEquals(usesTenant, hasTenant, name + ": $tenant used without its variable, or declared unused");
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : dashboard.path("panels")) {
                assertTrue(ids.add(panel.path("id").asInt()), name + ": panel id reused");
                JsonNode grid = panel.path("gridPos");
                assertTrue(grid.path("x").asInt() + grid.path("w").asInt() <= 24, name + ": panel past the grid");
                if (panel.has("targets")) {
                    assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), name);
                    assertFalse(panel.path("targets").isEmpty(), name + ": " + panel.path("title") + " has no query");
                }
            }
        }
    }

    @Test
    void catalogNamesFollowMicrometersPrometheusConventions() {
        for (MetricCatalog.Metric metric : catalog.metrics()) {
            if (metric.type() != MetricCatalog.Type.counter) {
                assertFalse(metric.name().endsWith("_total"), metric.name() + ": only counters end in _total");
            }
            assertFalse(metric.labels().contains("le"), metric.name() + ": le is the histogram's, not a label");
            if (metric.onEventOnly()) {
                assertTrue(metric.appearsOnEvent().length() > 20, metric.name() + ": say why it appears only later");
            }
        }
    }

    @Test
    void ourOwnMetricsNameTheSourceThatRegistersThem() {
        int own = 0;
        for (MetricCatalog.Metric metric : catalog.metrics()) {
            if (metric.source().contains("/src/main/")) {
                own++;
                assertTrue(Files.isRegularFile(RepoPaths.root().resolve(metric.source())),
                        metric.name() + ": no source file " + metric.source());
            }
        }
        assertTrue(own >= 20, "only " + own + " metrics of our own");
    }

    private static Path dashboards() {
        return RepoPaths.root().resolve(DashboardGenerator.DASHBOARDS);
    }

    static List<String> expressions(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        for (JsonNode expr : dashboard.path("panels").findValues("expr")) {
            exprs.add(expr.asText());
        }
        exprs.add(GrafanaJson.TENANT_VARIABLE_SOURCE.replaceAll("label_values\\((\\w+),.*", "$1"));
        return exprs;
    }
}
