package io.tenancycore.commons.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.tenancycore.commons.audit.AuditConfig;
import io.tenancycore.commons.cache.TieredCacheConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreSettingsConfigSourceFactoryTest {

    /** Quarkus adds its lenient Duration converter ("5m", "600"); plain SmallRye only knows ISO-8601. */
    private static final int QUARKUS_CONVERTER_PRIORITY = 200;

    @TempDir
    Path repo;

    @BeforeEach
    void writeEnvironments() throws IOException {
        // the product specification's shape: everything under "core:"
        write("dev", """
                core:
                  security:
                    encryption_key: ${ENCRYPTION_KEY:}
                    audit_enabled: true
                  cache:
                    redis_url: redis://redis.dev.local:6379
                    default_ttl: 5m
                  metrics:
                    prometheus_enabled: true
                    collection_interval: 15s
                  alerts:
                    channels:
                      email:
                        smtp_host: localhost
                        smtp_port: 2525
                        from: alerts@dev.local
                      slack:
                        webhook_url: ${SLACK_WEBHOOK:}
                      pagerduty:
                        routing_key: added-by-ops-later
                """);
        write("staging", """
                security:
                  encryption_key: ${ENCRYPTION_KEY:}
                  audit_enabled: false
                cache:
                  default_ttl: 600
                metrics:
                  collection_interval: 30s
                alerts:
                  channels:
                    email:
                      smtp_host: smtp.staging.internal
                      smtp_port: 587
                      from: alerts@staging.example
                    slack:
                      webhook_url: ${SLACK_WEBHOOK:}
                """);
    }

    @Test
    void profileSelectsTheEnvironmentAndSecretsComeFromVariables() {
        Path serviceDir = repo.resolve("config-service");
        SmallRyeConfig config = config(serviceDir, "staging",
                Map.of("ENCRYPTION_KEY", "c2VjcmV0", "SLACK_WEBHOOK", "https://hooks.example/T1"));

        assertEquals("c2VjcmV0", config.getValue("security.encryption_key", String.class));
        assertEquals(Duration.ofMinutes(10), config.getValue("cache.default_ttl", Duration.class));
        assertEquals(Duration.ofSeconds(30), config.getValue("metrics.collection_interval", Duration.class));
        assertEquals("smtp.staging.internal", config.getValue("alerts.channels.email.smtp_host", String.class));
        assertEquals(587, config.getValue("alerts.channels.email.smtp_port", Integer.class));
        assertEquals("https://hooks.example/T1", config.getValue("alerts.channels.slack.webhook_url", String.class));
        assertEquals(repo.resolve("config/environments/staging/core.yaml").toString(),
                config.getRawValue(CoreSettingsConfigSourceFactory.FOUND_FILE));
        assertFalse(config.getConfigMapping(AuditConfig.class).enabled(), "audit follows security.audit_enabled");
    }

    @Test
    void testProfileUsesDevSettingsAndUnsetSecretsAreEmpty() {
        SmallRyeConfig config = config(repo, "test", Map.of());

        assertEquals("dev", config.getRawValue(CoreSettingsConfigSourceFactory.FOUND_ENVIRONMENT));
        assertTrue(config.getOptionalValue("security.encryption_key", String.class).isEmpty());
        assertTrue(config.getOptionalValue("alerts.channels.slack.webhook_url", String.class).isEmpty());
        assertEquals(Duration.ofMinutes(5), config.getConfigMapping(TieredCacheConfig.class).caches()
                .get("anything").ttl(), "tiered caches take the environment's default TTL");
        assertEquals("redis://redis.dev.local:6379", config.getValue("quarkus.redis.hosts", String.class),
                "Redis comes from cache.redis_url");
        assertTrue(config.getConfigMapping(AuditConfig.class).enabled());
        assertEquals("added-by-ops-later", config.getValue("alerts.channels.pagerduty.routing_key", String.class),
                "keys commons does not model are kept, not rejected");
        assertTrue(config.getOptionalValue("core.cache.redis_url", String.class).isEmpty(), "read without the root");
    }

    @Test
    void explicitEnvironmentAndDirectoryWin() throws IOException {
        Path elsewhere = Files.createDirectories(repo.resolve("mounted"));
        Files.createDirectories(elsewhere.resolve("prod"));
        Files.writeString(elsewhere.resolve("prod/core.yaml"), "metrics:\n  collection_interval: 1m\n");
        SmallRyeConfig config = config(repo, "dev", Map.of(
                CoreSettingsConfigSourceFactory.CONFIG_DIR, elsewhere.toString(),
                CoreSettingsConfigSourceFactory.ENVIRONMENT, "prod"));

        assertEquals(Duration.ofMinutes(1), config.getValue("metrics.collection_interval", Duration.class));
    }

    @Test
    void applicationConfigOverridesCoreSettings() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, QUARKUS_CONVERTER_PRIORITY, new DurationConverter())
                .withProfile("dev")
                .withSources(new CoreSettingsConfigSourceFactory(repo))
                .withSources(new PropertiesConfigSource(Map.of("alerts.channels.email.smtp_port", "1025"),
                        "application.properties", 250))
                .withSources(commonsDefaults())
                .withSources(new io.smallrye.config.EnvConfigSource(Map.of("QUARKUS_REDIS_HOSTS", "redis://from-env:6379"), 300))
                .build();

        assertEquals(1025, config.getValue("alerts.channels.email.smtp_port", Integer.class));
        assertEquals("localhost", config.getValue("alerts.channels.email.smtp_host", String.class),
                "what the application does not override still comes from core.yaml");
        assertEquals("redis://from-env:6379", config.getValue("quarkus.redis.hosts", String.class),
                "an environment variable beats core.yaml");
    }

    @Test
    void missingFileLeavesDefaultsAndSaysSo() {
        SmallRyeConfig config = config(repo, "qa", Map.of());

        assertEquals("none", config.getRawValue(CoreSettingsConfigSourceFactory.FOUND_FILE));
        assertTrue(config.getRawValue(CoreSettingsConfigSourceFactory.SEARCHED).contains("qa"));
        assertTrue(config.getConfigMapping(AuditConfig.class).enabled());
        assertEquals(Duration.ofMinutes(10), config.getConfigMapping(TieredCacheConfig.class).caches()
                .get("anything").ttl());
        assertEquals("redis://localhost:6379", config.getValue("quarkus.redis.hosts", String.class));
    }

    @Test
    void noEnvironmentsDirectoryAnywhereIsNotAnError(@TempDir Path empty) {
        SmallRyeConfig config = config(empty, "prod", Map.of());
        assertEquals("none", config.getRawValue(CoreSettingsConfigSourceFactory.FOUND_FILE));
    }

    @Test
    void profilesMapToEnvironments() {
        assertEquals("dev", CoreSettingsConfigSourceFactory.environmentOf(List.of("test")));
        assertEquals("dev", CoreSettingsConfigSourceFactory.environmentOf(List.of("dev")));
        assertEquals("staging", CoreSettingsConfigSourceFactory.environmentOf(List.of("staging")));
        assertEquals("prod", CoreSettingsConfigSourceFactory.environmentOf(List.of()));
        assertEquals("prod", CoreSettingsConfigSourceFactory.environmentOf(List.of("dev", "prod")));
        assertEquals("qa", CoreSettingsConfigSourceFactory.environmentOf(List.of("qa")));
    }

    /** commons' own defaults (META-INF/microprofile-config.properties), which refer to core.yaml's keys. */
    private static PropertiesConfigSource commonsDefaults() {
        try {
            return new PropertiesConfigSource(
                    CoreSettingsConfigSourceFactoryTest.class.getResource("/META-INF/microprofile-config.properties"), 100);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void write(String environment, String yaml) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("config/environments").resolve(environment));
        Files.writeString(dir.resolve("core.yaml"), yaml);
    }

    /** Variables arrive as an env-like source (ordinal 300), as they would in a container. */
    private static SmallRyeConfig config(Path workingDirectory, String profile, Map<String, String> variables) {
        return new SmallRyeConfigBuilder()
                .withConverter(Duration.class, QUARKUS_CONVERTER_PRIORITY, new DurationConverter())
                .withProfile(profile)
                .withSources(new CoreSettingsConfigSourceFactory(workingDirectory))
                .withSources(new PropertiesConfigSource(new HashMap<>(variables), "variables", 300))
                .withSources(commonsDefaults())
                .withMapping(AuditConfig.class)
                .withMapping(TieredCacheConfig.class)
                .build();
    }
}
