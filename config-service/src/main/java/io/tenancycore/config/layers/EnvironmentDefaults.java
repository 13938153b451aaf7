package io.tenancycore.config.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.runtime.Startup;
import io.tenancycore.config.support.ConfigServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The environment layer's base: {@code config/environments/{env}/core.yaml} of every known environment, flattened
 * to dotted keys. Values that draw on environment variables ({@code ${ENCRYPTION_KEY:}}) are left out: they are
 * secrets or machine-specific and must never be served as configuration. Keys written through the API to an
 * environment layer override these.
 */
@Startup
@ApplicationScoped
public class EnvironmentDefaults {

    private static final Logger LOG = Logger.getLogger(EnvironmentDefaults.class);
    private static final Path RELATIVE_DIR = Path.of("config", "environments");
    private static final String FILE_NAME = "core.yaml";
    private static final String CORE_ROOT = "core";

    private final Map<String, Map<String, StoredValue>> byEnvironment = new ConcurrentHashMap<>();

    public EnvironmentDefaults(ConfigServiceConfig config,
            @ConfigProperty(name = "tenancy.config-dir") Optional<String> configDir) {
        Optional<Path> dir = configDir.map(Path::of).or(EnvironmentDefaults::search);
        for (String environment : config.environments()) {
            Map<String, StoredValue> values = dir.map(d -> d.resolve(environment).resolve(FILE_NAME))
                    .filter(Files::isRegularFile)
                    .map(EnvironmentDefaults::load)
                    .orElse(Map.of());
            byEnvironment.put(environment, values);
            LOG.infof("environment layer %s: %d keys from %s", environment, values.size(),
                    dir.map(d -> d.resolve(environment).resolve(FILE_NAME).toString()).orElse("no core.yaml"));
        }
    }

    public Map<String, StoredValue> of(String environment) {
        return byEnvironment.getOrDefault(environment, Map.of());
    }

    static Map<String, StoredValue> load(Path file) {
        try {
            JsonNode root = new YAMLMapper().readTree(file.toFile());
            if (root != null && root.has(CORE_ROOT)) {
                // the product specification's shape: everything under "core:" (commons reads it the same way)
                root = root.get(CORE_ROOT);
            }
            Map<String, StoredValue> flat = new TreeMap<>();
            flatten("", root, flat);
            return flat;
        } catch (IOException e) {
            LOG.warnf("cannot read %s: %s", file, e.getMessage());
            return Map.of();
        }
    }

    static void flatten(String prefix, JsonNode node, Map<String, StoredValue> into) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
            return;
        }
        if (node.isTextual() && node.asText().contains("${")) {
            return;
        }
        into.put(prefix, StoredValue.plain(node));
    }

    private static Optional<Path> search() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_DIR);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
