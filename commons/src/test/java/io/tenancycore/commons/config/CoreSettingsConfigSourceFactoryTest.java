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
        write("dev", """
                security:
                  encryption_key: ${ENCRYPTION_KEY:}
                  audit_enabled: true
                cache:
                  redis_url: redis://localhost:6379
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

        CoreSettings.Security security = config.getConfigMapping(CoreSettings.Security.class);
        assertEquals("c2VjcmV0", security.encryptionKey().orElseThrow());
        assertFalse(security.auditEnabled());
        assertEquals(Duration.ofMinutes(10), config.getConfigMapping(CoreSettings.Cache.class).defaultTtl());
        assertEquals(Duration.ofSeconds(30), config.getConfigMapping(CoreSettings.Metrics.class).collectionInterval());
        CoreSettings.Alerts.Channels channels = config.getConfigMapping(CoreSettings.Alerts.class).channels();
        assertEquals("smtp.staging.internal", channels.email().smtpHost().orElseThrow());
        assertEquals(587, channels.email().smtpPort());
        assertEquals("https://hooks.example/T1", channels.slack().webhookUrl().orElseThrow());
        assertEquals(repo.resolve("config/environments/staging/core.yaml").toString(),
                config.getRawValue(CoreSettingsConfigSourceFactory.FOUND_FILE));
        assertFalse(config.getConfigMapping(AuditConfig.class).enabled(), "audit follows security.audit_enabled");
    }

    @Test
    void testProfileUsesDevSettingsAndUnsetSecretsAreEmpty() {
        SmallRyeConfig config = config(repo, "test", Map.of());

        assertEquals("dev", config.getRawValue(CoreSettingsConfigSourceFactory.FOUND_ENVIRONMENT));
        assertTrue(config.getConfigMapping(CoreSettings.Security.class).encryptionKey().isEmpty());
        assertTrue(config.getConfigMapping(CoreSettings.Alerts.class).channels().slack().webhookUrl().isEmpty());
        assertEquals(Duration.ofMinutes(5), config.getConfigMapping(CoreSettings.Cache.class).defaultTtl());
        assertEquals(Duration.ofMinutes(5), config.getConfigMapping(TieredCacheConfig.class).caches()
                .get("anything").ttl(), "tiered caches take the environment's default TTL");
        assertEquals("added-by-ops-later", config.getConfigMapping(CoreSettings.Alerts.class).all()
                .get("channels.pagerduty.routing_key").orElseThrow(), "keys commons does not model are kept, not rejected");
    }

    @Test
    void explicitEnvironmentAndDirectoryWin() throws IOException {
        Path elsewhere = Files.createDirectories(repo.resolve("mounted"));
        Files.createDirectories(elsewhere.resolve("prod"));
        Files.writeString(elsewhere.resolve("prod/core.yaml"), "metrics:\n  collection_interval: 1m\n");
        SmallRyeConfig config = config(repo, "dev", Map.of(
                CoreSettingsConfigSourceFactory.CONFIG_DIR, elsewhere.toString(),
                CoreSettingsConfigSourceFactory.ENVIRONMENT, "prod"));

        assertEquals(Duration.ofMinutes(1), config.getConfigMapping(CoreSettings.Metrics.class).collectionInterval());
    }

    @Test
    void applicationConfigOverridesCoreSettings() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, QUARKUS_CONVERTER_PRIORITY, new DurationConverter())
                .withProfile("dev")
                .withSources(new CoreSettingsConfigSourceFactory(repo))
                .withSources(new PropertiesConfigSource(Map.of("alerts.channels.email.smtp_port", "1025"),
                        "application.properties", 250))
                .withMapping(CoreSettings.Alerts.class)
                .build();

        assertEquals(1025, config.getConfigMapping(CoreSettings.Alerts.class).channels().email().smtpPort());
        assertEquals("localhost", config.getConfigMapping(CoreSettings.Alerts.class).channels().email().smtpHost()
                .orElseThrow(), "what the application does not override still comes from core.yaml");
    }

    @Test
    void missingFileLeavesDefaultsAndSaysSo() {
        SmallRyeConfig config = config(repo, "qa", Map.of());

        assertEquals("none", config.getRawValue(CoreSettingsConfigSourceFactory.FOUND_FILE));
        assertTrue(config.getRawValue(CoreSettingsConfigSourceFactory.SEARCHED).contains("qa"));
        assertTrue(config.getConfigMapping(CoreSettings.Security.class).auditEnabled());
        assertEquals(Duration.ofMinutes(10), config.getConfigMapping(CoreSettings.Cache.class).defaultTtl());
        assertEquals(25, config.getConfigMapping(CoreSettings.Alerts.class).channels().email().smtpPort());
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
                .withMapping(CoreSettings.Security.class)
                .withMapping(CoreSettings.Cache.class)
                .withMapping(CoreSettings.Metrics.class)
                .withMapping(CoreSettings.Alerts.class)
                .withMapping(AuditConfig.class)
                .withMapping(TieredCacheConfig.class)
                .build();
    }
}
