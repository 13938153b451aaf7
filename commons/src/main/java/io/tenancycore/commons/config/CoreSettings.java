package io.tenancycore.commons.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * The per-environment settings of {@code config/environments/<env>/core.yaml}, one mapping per root key.
 * Inject this facade, or a single root ({@code CoreSettings.Security}, ...). Keys keep the file's snake_case.
 */
@ApplicationScoped
public class CoreSettings {

    @Inject
    Security security;

    @Inject
    Cache cache;

    @Inject
    Metrics metrics;

    @Inject
    Alerts alerts;

    public Security security() {
        return security;
    }

    public Cache cache() {
        return cache;
    }

    public Metrics metrics() {
        return metrics;
    }

    public Alerts alerts() {
        return alerts;
    }

    @ConfigMapping(prefix = "security")
    public interface Security {

        /** From {@code ENCRYPTION_KEY}; empty when the variable is not set. Never logged. */
        @WithName("encryption_key")
        Optional<String> encryptionKey();

        @WithName("audit_enabled")
        @WithDefault("true")
        boolean auditEnabled();

        /** Every key under this root, relative to it: keys commons does not model land here, never failing startup. */
        @WithParentName
        Map<String, Optional<String>> all();
    }

    @ConfigMapping(prefix = "cache")
    public interface Cache {

        /** Informational: services connect through {@code quarkus.redis.hosts}. */
        @WithName("redis_url")
        Optional<String> redisUrl();

        /** Redis TTL of tiered-cache entries unless a cache sets one ({@code 300}, {@code 5m}, {@code PT5M}). */
        @WithName("default_ttl")
        @WithDefault("10m")
        Duration defaultTtl();

        /** Every key under this root, relative to it: keys commons does not model land here, never failing startup. */
        @WithParentName
        Map<String, Optional<String>> all();
    }

    @ConfigMapping(prefix = "metrics")
    public interface Metrics {

        @WithName("prometheus_enabled")
        @WithDefault("true")
        boolean prometheusEnabled();

        @WithName("collection_interval")
        @WithDefault("15s")
        Duration collectionInterval();

        /** Every key under this root, relative to it: keys commons does not model land here, never failing startup. */
        @WithParentName
        Map<String, Optional<String>> all();
    }

    @ConfigMapping(prefix = "alerts")
    public interface Alerts {

        Channels channels();

        interface Channels {

            Email email();

            Slack slack();
        }

        interface Email {

            @WithName("smtp_host")
            Optional<String> smtpHost();

            @WithName("smtp_port")
            @WithDefault("25")
            int smtpPort();

            Optional<String> from();
        }

        interface Slack {

            /** From {@code SLACK_WEBHOOK}; empty when not set. */
            @WithName("webhook_url")
            Optional<String> webhookUrl();
        }

        /** Every key under this root, relative to it: keys commons does not model land here, never failing startup. */
        @WithParentName
        Map<String, Optional<String>> all();
    }
}
