package io.tenancycore.alert.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every bound of alert-service in one place ({@code tenancy.alerts.*}). */
@ConfigMapping(prefix = "tenancy.alerts")
public interface AlertsConfig {

    /** Alerts in one Alertmanager v2 batch; more is a 413. */
    @WithDefault("1000")
    int maxBatch();

    /** Labels of one alert, {@code alertname} included. */
    @WithDefault("64")
    int maxLabels();

    @WithDefault("128")
    int maxLabelNameLength();

    @WithDefault("1024")
    int maxLabelValueLength();

    @WithDefault("8192")
    int maxAnnotationValueLength();

    /** Serialized size of an alert's {@code data}. */
    @WithDefault("16384")
    int maxDataBytes();

    /** Alerts a tenant may hold (firing and recently resolved); a new fingerprint beyond it is refused. */
    @WithDefault("10000")
    int maxAlertsPerTenant();

    /** How long a resolved alert is kept before the sweep forgets it. */
    @WithDefault("24h")
    Duration resolvedRetention();

    /** Entries kept per alert history and per tenant history (older ones are trimmed). */
    @WithDefault("200")
    int historyPerAlert();

    @WithDefault("10000")
    int historyPerTenant();

    /** Routes, receivers, silences, rules, escalation policies a tenant may hold (each). */
    @WithDefault("200")
    int maxObjectsPerTenant();

    /** Hosts webhook and Slack URLs may name although they are loopback/private (tests: 127.0.0.1). */
    Optional<List<String>> allowedPrivateHosts();

    Delivery delivery();

    /** How often the leased resolution sweep runs. */
    @WithDefault("2s")
    Duration sweepInterval();

    /** How often each replica looks for due notification groups. */
    @WithDefault("1s")
    Duration flushInterval();

    /**
     * Tenants whose due groups one replica flushes at the same time: a tenant whose receivers are slow or down (every
     * delivery retried with backoff) then holds up only its own notifications, never the other tenants'.
     */
    @WithDefault("16")
    int flushConcurrency();

    /**
     * Alerts (over all tenants) each replica remembers as it last stored them, so that a re-sent alert is worked out
     * without reading and parsing it again; each is checked against Redis by the batch's script all the same.
     */
    @WithDefault("20000")
    long knownAlerts();

    /** Tenants of one Alertmanager batch stored side by side (each tenant's alerts by one script). */
    @WithDefault("16")
    int ingestConcurrency();

    /**
     * How long a rule's pending state (condition true, {@code for} not yet passed) outlives its {@code for} without a
     * new true signal: then it expires and the wait starts again with the next one.
     */
    @WithDefault("10m")
    Duration pendingGrace();

    /** The per-tenant transit key of security-service that seals receiver secrets (managed by alert-service). */
    @WithDefault("alert-receivers")
    String secretKeyName();

    /** How often the leased escalator looks for unacknowledged alerts. */
    @WithDefault("5s")
    Duration escalationInterval();

    interface Delivery {
        /** Attempts per notification, the first included. */
        @WithDefault("4")
        int attempts();

        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("5s")
        Duration maxBackoff();

        @WithDefault("10s")
        Duration timeout();
    }
}
