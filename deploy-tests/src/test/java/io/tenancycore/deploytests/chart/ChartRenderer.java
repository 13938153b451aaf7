package io.tenancycore.deploytests.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.tenancycore.deploytests.RepoPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The chart through the Helm that helm-java bundles (pinned by the module's helm-java version): {@code helm template}
 * parsed into documents, and {@code helm lint --strict} of the chart with a given environment's values. helm-java's
 * lint takes no values file, so an environment is linted on a copy of the chart whose values.yaml is the base values
 * with the environment's file merged over them the way Helm merges {@code -f} files.
 */
public final class ChartRenderer {

    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ChartRenderer() {
    }

    /** {@code helm template <release> <chart> [-f values-<env>.yaml] [--set k=v ...]}; env null = base values only. */
    public static Rendered render(String release, String environment, Map<String, Object> sets) {
        TemplateCommand template = new Helm(RepoPaths.chart()).template().withName(release);
        if (environment != null) {
            template = template.withValuesFile(RepoPaths.valuesFile(environment));
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return Rendered.parse(template.call());
    }

    public static Rendered render(String release, String environment) {
        return render(release, environment, Map.of());
    }

    /** {@code helm template} with an arbitrary values file over the base values (the failure-path tests). */
    public static String renderWith(Path valuesFile) {
        return new Helm(RepoPaths.chart()).template().withName("bad").withValuesFile(valuesFile).call();
    }

    /** {@code helm lint --strict} of the chart as one environment (null: the base values) would install it. */
    public static LintResult lintStrict(String environment, Path workDir) {
        return lintStrict(environment == null ? null : RepoPaths.valuesFile(environment), workDir);
    }

    public static LintResult lintStrict(Path overlay, Path workDir) {
        if (overlay == null) {
            return new Helm(RepoPaths.chart()).lint().strict().call();
        }
        Path copy = copyChart(workDir.resolve("tenancy-core"));
        try {
            ObjectNode base = (ObjectNode) YAML.readTree(copy.resolve("values.yaml").toFile());
            JsonNode merged = ValuesMerge.merge(base, YAML.readTree(overlay.toFile()));
            YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Helm(copy).lint().strict().call();
    }

    /** A copy of the chart with its symlinks resolved (the files they point to copied in). */
    private static Path copyChart(Path target) {
        Path source = RepoPaths.chart();
        try (Stream<Path> files = Files.walk(source, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Lint messages that are findings (Helm's INFO lines, such as the icon recommendation, are not). */
    public static List<String> findings(LintResult result) {
        List<String> findings = new ArrayList<>();
        for (String message : result.getMessages()) {
            if (!message.startsWith("[INFO]")) {
                findings.add(message);
            }
        }
        return findings;
    }
}
