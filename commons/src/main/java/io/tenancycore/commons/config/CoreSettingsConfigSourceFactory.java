package io.tenancycore.commons.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.source.yaml.YamlConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * Adds {@code <config-dir>/<environment>/core.yaml} (the per-environment settings of the platform) to every service's
 * configuration, below {@code application.yaml} so a service can override any of it.
 *
 * <ul>
 * <li>config dir: {@code tenancy.config-dir} (env {@code TENANCY_CONFIG_DIR}); else the first
 * {@code config/environments} found in the working directory or one of its parents</li>
 * <li>environment: {@code tenancy.environment} (env {@code TENANCY_ENVIRONMENT}); else from the active profile
 * (dev and test → dev, staging → staging, prod → prod, any other → its own name)</li>
 * </ul>
 * What was found is published as {@code tenancy.core-settings.file} / {@code .environment} / {@code .searched} and
 * logged at startup by {@link CoreSettingsReport}.
 *
 * <p>The file may wrap its settings in a {@code core:} root, as the product specification's example does; the keys
 * are then read without it ({@code core.cache.redis_url} is {@code cache.redis_url}). What reads each key:
 * {@code security.encryption_key} → security-service's master key; {@code security.audit_enabled} →
 * {@code tenancy.audit.enabled}; {@code cache.redis_url} → {@code quarkus.redis.hosts}; {@code cache.default_ttl} →
 * the tiered caches' Redis TTL; {@code metrics.prometheus_enabled} → whether meters are recorded and exported;
 * {@code metrics.collection_interval} → how often the host gauges are sampled; {@code alerts.channels.*} →
 * alert-service's channels; {@code events.allow_private_sinks} → whether the gateway accepts loopback/private webhook
 * sinks. Environment variables and a service's application.yaml override all of them.
 */
public class CoreSettingsConfigSourceFactory implements ConfigSourceFactory {

    /** Below application.yaml/properties in the jar (250-255), above microprofile-config.properties (100). */
    public static final int ORDINAL = 200;
    public static final String CONFIG_DIR = "tenancy.config-dir";
    public static final String ENVIRONMENT = "tenancy.environment";
    public static final String FOUND_FILE = "tenancy.core-settings.file";
    public static final String FOUND_ENVIRONMENT = "tenancy.core-settings.environment";
    public static final String SEARCHED = "tenancy.core-settings.searched";
    static final Path DEFAULT_RELATIVE_DIR = Path.of("config", "environments");
    static final String FILE_NAME = "core.yaml";
    private static final String NOT_FOUND = "none";
    private static final String CORE_ROOT = "core.";
    private static final Map<String, String> ENVIRONMENT_OF_PROFILE = Map.of("dev", "dev", "test", "dev",
            "staging", "staging", "prod", "prod");
    private static final Logger LOG = Logger.getLogger(CoreSettingsConfigSourceFactory.class);

    private final Path workingDirectory;

    public CoreSettingsConfigSourceFactory() {
        this(Path.of("").toAbsolutePath());
    }

    /** For tests: search {@code config/environments} from this directory upwards. */
    public CoreSettingsConfigSourceFactory(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String environment = value(context, ENVIRONMENT).orElseGet(() -> environmentOf(context.getProfiles()));
        List<Path> candidates = candidates(context, environment);
        Optional<Path> file = candidates.stream().filter(Files::isRegularFile).findFirst();
        List<ConfigSource> sources = new ArrayList<>();
        sources.add(new PropertiesConfigSource(Map.of(
                FOUND_FILE, file.map(Path::toString).orElse(NOT_FOUND),
                FOUND_ENVIRONMENT, environment,
                SEARCHED, candidates.isEmpty() ? DEFAULT_RELATIVE_DIR + " (not found from " + workingDirectory + ")"
                        : candidates.toString()),
                "tenancy-core-settings-origin", ORDINAL));
        if (file.isEmpty()) {
            LOG.debugf("no %s for environment %s (searched %s)", FILE_NAME, environment, candidates);
            return sources;
        }
        try {
            sources.add(withoutCoreRoot(new YamlConfigSource(file.get().toUri().toURL(), ORDINAL)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read core settings " + file.get(), e);
        }
        return sources;
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** The specification's file shape ({@code core: {security: ...}}) and the flat one read the same. */
    static ConfigSource withoutCoreRoot(ConfigSource yaml) {
        Map<String, String> properties = new HashMap<>();
        for (String name : yaml.getPropertyNames()) {
            String key = name.startsWith(CORE_ROOT) ? name.substring(CORE_ROOT.length()) : name;
            properties.put(key, yaml.getValue(name));
        }
        return new PropertiesConfigSource(properties, yaml.getName(), yaml.getOrdinal());
    }

    static String environmentOf(List<String> profiles) {
        if (profiles == null || profiles.isEmpty()) {
            return "prod";
        }
        // the last profile has the highest priority
        String profile = profiles.get(profiles.size() - 1);
        return ENVIRONMENT_OF_PROFILE.getOrDefault(profile, profile);
    }

    private List<Path> candidates(ConfigSourceContext context, String environment) {
        Optional<String> configured = value(context, CONFIG_DIR);
        if (configured.isPresent()) {
            return List.of(Path.of(configured.get()).toAbsolutePath().resolve(environment).resolve(FILE_NAME));
        }
        List<Path> found = new ArrayList<>();
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            Path environments = dir.resolve(DEFAULT_RELATIVE_DIR);
            if (Files.isDirectory(environments)) {
                found.add(environments.resolve(environment).resolve(FILE_NAME));
                break;
            }
        }
        return found;
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank()
                ? Optional.empty()
                : Optional.of(value.getValue());
    }
}
