package io.tenancycore.deploytests.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import io.tenancycore.deploytests.RepoPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's one-source files are symlinks (files/environments to config/environments, files/prometheus/rules.yaml
 * to deploy/prometheus/rules.yaml, files/grafana to deploy/grafana/dashboards): {@code helm package} must put their content in the archive, so a chart installed
 * from a repository renders the same core.yaml and rules as the source tree.
 */
class ChartPackageTest {

    @Test
    void packagingResolvesTheSymlinksIntoTheArchive(@TempDir Path out) throws IOException {
        new Helm(RepoPaths.chart()).packageIt().withDestination(out).call();
        Path archive;
        try (Stream<Path> files = Files.list(out)) {
            archive = files.filter(f -> f.toString().endsWith(".tgz")).findFirst().orElseThrow();
        }
        Map<String, String> entries = tarEntries(archive);
        for (String env : new String[] {"dev", "staging", "prod"}) {
            assertEquals(Files.readString(RepoPaths.coreConfig(env)),
                    entries.get("tenancy-core/files/environments/" + env + "/core.yaml"), env + " core.yaml in the archive");
        }
        assertEquals(Files.readString(RepoPaths.prometheus().resolve("rules.yaml")),
                entries.get("tenancy-core/files/prometheus/rules.yaml"));
        assertEquals(Files.readString(RepoPaths.root().resolve("deploy/grafana/dashboards/tenant-overview.json")),
                entries.get("tenancy-core/files/grafana/tenant-overview.json"));

        Rendered fromArchive = Rendered.parse(new Helm(archive).template().withName("tc")
                .withValuesFile(RepoPaths.valuesFile("staging")).call());
        assertEquals(Files.readString(RepoPaths.coreConfig("staging")),
                fromArchive.get("ConfigMap", "tc-core-config").path("data").path("core.yaml").asText());
        assertTrue(fromArchive.find("PrometheusRule", "tc-alerts").isPresent());
    }

    /** Regular files of a .tgz (ustar headers, 512-byte blocks), name to UTF-8 content. */
    private static Map<String, String> tarEntries(Path archive) throws IOException {
        Map<String, String> entries = new HashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            byte[] tar = in.readAllBytes();
            int offset = 0;
            while (offset + 512 <= tar.length && tar[offset] != 0) {
                String name = field(tar, offset, 100);
                String prefix = field(tar, offset + 345, 155);
                long size = Long.parseLong(field(tar, offset + 124, 12).trim(), 8);
                char type = (char) tar[offset + 156];
                String fullName = prefix.isEmpty() ? name : prefix + "/" + name;
                if (type == '0' || type == 0) {
                    entries.put(fullName, new String(tar, offset + 512, (int) size, StandardCharsets.UTF_8));
                }
                offset += 512 + (int) ((size + 511) / 512) * 512;
            }
        }
        return entries;
    }

    private static String field(byte[] header, int from, int length) {
        int end = from;
        while (end < from + length && header[end] != 0) {
            end++;
        }
        return new String(header, from, end - from, StandardCharsets.US_ASCII);
    }
}
