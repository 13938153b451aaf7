package io.tenancycore.deploytests.dashboards;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes deploy/grafana/dashboards/*.json from {@link Dashboards} after checking that every expression names only
 * metrics of deploy/metrics/catalog.yaml (the argument of {@link #main} is the repository root). After changing either:
 * {@code ./mvnw -B -o -q -pl deploy-tests test -Dtest=GeneratedDashboardsTest -Dtenancy.dashboards.write=true}
 * (which calls {@link #main}); GeneratedDashboardsTest fails while the committed files differ from what this writes.
 */
public final class DashboardGenerator {

    public static final String CATALOG = "deploy/metrics/catalog.yaml";
    public static final String DASHBOARDS = "deploy/grafana/dashboards";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DashboardGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        for (Map.Entry<String, String> file : generate(MetricCatalog.load(root.resolve(CATALOG))).entrySet()) {
            Path target = root.resolve(DASHBOARDS).resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            System.out.println("wrote " + root.relativize(target));
        }
    }

    /** File name to its JSON text, for every dashboard. */
    public static Map<String, String> generate(MetricCatalog catalog) {
        List<String> unknown = new ArrayList<>();
        Set<String> known = catalog.bySeries().keySet();
        Map<String, String> files = new LinkedHashMap<>();
        for (DashboardSpec spec : Dashboards.all()) {
            spec.expressions().forEach(expr -> PromQl.metricNames(expr).stream().filter(n -> !known.contains(n))
                    .forEach(n -> unknown.add(spec.file() + ": " + n + " in " + expr)));
            files.put(spec.file(), text(GrafanaJson.render(spec)));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("dashboards query metrics the catalog does not list:\n  "
                    + String.join("\n  ", unknown));
        }
        return files;
    }

    private static String text(ObjectNode dashboard) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        try {
            return JSON.writer(printer).writeValueAsString(dashboard) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
