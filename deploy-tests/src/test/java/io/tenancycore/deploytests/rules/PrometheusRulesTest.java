package io.tenancycore.deploytests.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tenancycore.deploytests.RepoPaths;
import io.tenancycore.deploytests.chart.ChartRenderer;
import io.tenancycore.deploytests.chart.Rendered;
import io.tenancycore.deploytests.dashboards.PromQl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus/rules.yaml: promtool checks it and runs its unit tests (deploy/prometheus/tests, one file per
 * group, every alert tested firing); its expressions use only metrics the services expose; the chart's
 * PrometheusRule carries exactly these groups. CI installs promtool (Debian package prometheus), so there a missing
 * promtool fails the build; elsewhere the promtool tests are skipped.
 */
class PrometheusRulesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Path rules() {
        return RepoPaths.prometheus().resolve("rules.yaml");
    }

    private static JsonNode groups() throws IOException {
        return YAML.readTree(rules().toFile()).path("groups");
    }

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        String out = promtool(List.of("check", "rules", rules().toString()));
        assertTrue(out.contains("SUCCESS"), out);
    }

    @Test
    void promtoolUnitTestsPass() throws Exception {
        List<String> command = new ArrayList<>(List.of("test", "rules"));
        testFiles().forEach(f -> command.add(f.toString()));
        promtool(command);
    }

    @Test
    void everyGroupHasATestFileThatFiresEachOfItsAlerts() throws IOException {
        Set<String> seenFiles = new HashSet<>();
        for (JsonNode group : groups()) {
            String groupName = group.path("name").asText();
            assertTrue(groupName.startsWith("tenancy-core."), groupName);
            Path testFile = RepoPaths.prometheus().resolve("tests").resolve(
                    groupName.substring("tenancy-core.".length()) + ".yaml");
            assertTrue(Files.exists(testFile), groupName + " has no unit test file " + testFile);
            seenFiles.add(testFile.getFileName().toString());
            JsonNode tests = YAML.readTree(testFile.toFile());
            assertEquals("[\"../rules.yaml\"]", tests.path("rule_files").toString(), testFile + " tests another file");
            Set<String> firing = new HashSet<>();
            Set<String> quiet = new HashSet<>();
            for (JsonNode check : tests.path("tests").findValues("alert_rule_test")) {
                for (JsonNode step : check) {
                    (step.path("exp_alerts").isEmpty() ? quiet : firing).add(step.path("alertname").asText());
                }
            }
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                assertTrue(firing.contains(alert), testFile.getFileName() + " never shows " + alert + " firing");
                assertTrue(quiet.contains(alert), testFile.getFileName() + " never shows " + alert + " quiet");
                assertFalse(rule.path("labels").path("severity").asText().isEmpty(), alert + " has no severity");
            }
        }
        Set<String> files = new TreeSet<>();
        testFiles().forEach(f -> files.add(f.getFileName().toString()));
        assertEquals(files, new TreeSet<>(seenFiles), "a test file without its group");
    }

    @Test
    void rulesUseOnlyMetricsTheServicesExpose() throws IOException {
        Set<String> used = new TreeSet<>();
        for (JsonNode rule : groups().findValues("rules")) {
            for (JsonNode r : rule) {
                used.addAll(metricNames(r.path("expr").asText()));
            }
        }
        assertFalse(used.isEmpty());
        for (String metric : used) {
            ExposedMetrics.Source source = ExposedMetrics.BY_NAME.get(metric);
            if (source == null) {
                fail("rules use " + metric + ", which no service exposes (ExposedMetrics lists what they do)");
            }
            assertSourceHas(metric, source);
        }
        String allExpressions = groups().findValuesAsText("expr").toString();
        ExposedMetrics.LABEL_VALUES.forEach((label, source) -> {
            if (allExpressions.contains(label)) {
                assertSourceHas(label, source);
            }
        });
    }

    @Test
    void metricNamesAreFoundInExpressions() {
        assertEquals(Set.of("tenant_requests_total"), metricNames(
                "sum by (job) (rate(tenant_requests_total{status=~\"5..\"}[5m])) > 0.05 and on (job) vector(1)"));
        assertEquals(Set.of("a_bytes", "b_bytes"), metricNames("sum without (id) (a_bytes) / max(b_bytes > 0)"));
    }

    @Test
    void theChartsPrometheusRuleCarriesExactlyTheseGroups() throws IOException {
        Rendered prod = ChartRenderer.render("tc", "prod");
        JsonNode rule = prod.get("PrometheusRule", "tc-alerts");
        assertEquals(groups(), rule.path("spec").path("groups"));
        assertEquals("monitoring.coreos.com/v1", rule.path("apiVersion").asText());
    }

    private static void assertSourceHas(String what, ExposedMetrics.Source source) {
        Path file = RepoPaths.root().resolve(source.file());
        try {
            String text = Files.readString(file);
            for (String needle : source.mustContain()) {
                assertTrue(text.contains(needle), what + ": " + source.file() + " no longer contains " + needle);
            }
        } catch (IOException e) {
            fail(what + ": cannot read " + file + ": " + e);
        }
    }

    /** The metric names of a PromQL expression (the dashboards' generator uses the same rule). */
    static Set<String> metricNames(String expr) {
        return PromQl.metricNames(expr);
    }

    private static List<Path> testFiles() throws IOException {
        try (var files = Files.list(RepoPaths.prometheus().resolve("tests"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** Runs promtool; missing promtool fails under CI=true (CI installs it) and skips elsewhere. */
    private static String promtool(List<String> arguments) throws IOException, InterruptedException {
        Path promtool = findOnPath("promtool");
        if (promtool == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("promtool is not installed; CI must install the Debian package prometheus (.ci/run)");
            }
            Assumptions.abort("promtool is not installed (apt-get install prometheus); skipped outside CI");
        }
        List<String> command = new ArrayList<>();
        command.add(promtool.toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(RepoPaths.prometheus().toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool hung");
        assertEquals(0, process.exitValue(), "promtool " + String.join(" ", arguments) + ":\n" + output);
        return output;
    }

    private static Path findOnPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
