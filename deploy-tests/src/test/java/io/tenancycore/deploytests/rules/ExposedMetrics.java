package io.tenancycore.deploytests.rules;

import java.util.List;
import java.util.Map;

/**
 * The metric names alert rules may use, each with where a service exposes it: the source file and the strings that
 * must be in it (the Micrometer meter name, and label values rules filter on). Micrometer's Prometheus names turn
 * dots into underscores and add {@code _total} to counters, the base unit to gauges. A renamed meter, or a rule on a
 * metric nobody exposes, fails {@link PrometheusRulesTest}.
 */
final class ExposedMetrics {

    record Source(String file, List<String> mustContain) {
    }

    private static final String COMMONS = "commons/src/main/java/io/tenancycore/commons/";
    private static final String GATEWAY = "event-gateway/src/main/java/io/tenancycore/gateway/";
    private static final String KEY_AGE =
            "security-service/src/main/java/io/tenancycore/security/keyage/KeyAgeMetrics.java";

    static final Map<String, Source> BY_NAME = Map.ofEntries(
            Map.entry("system_cpu_usage_percent",
                    new Source(COMMONS + "metrics/SystemMetrics.java", List.of("\"system.cpu.usage.percent\""))),
            Map.entry("system_disk_usage_percent",
                    new Source(COMMONS + "metrics/SystemMetrics.java", List.of("\"system.disk.usage.percent\""))),
            // Micrometer's JVM binder (on by default in Quarkus); the system tests assert it on the live suite
            Map.entry("jvm_memory_used_bytes", new Source(
                    "system-tests/src/test/java/io/tenancycore/systemtests/SuiteHealthIT.java",
                    List.of("jvm_memory_used_bytes"))),
            Map.entry("jvm_memory_max_bytes", new Source(
                    "system-tests/src/test/java/io/tenancycore/systemtests/SuiteHealthIT.java",
                    List.of("jvm_memory_used_bytes"))),
            Map.entry("tenant_requests_total", new Source(COMMONS + "metrics/TenantRequestMetrics.java",
                    List.of("\"tenant.requests\"", "\"status\""))),
            Map.entry("tenant_api_quota_usage", new Source(GATEWAY + "quota/QuotaUsageGauge.java",
                    List.of("\"tenant.api.quota.usage\""))),
            // Micrometer's Kafka client binder, switched on for every service
            Map.entry("kafka_consumer_fetch_manager_records_lag_max", new Source(
                    "commons/src/main/resources/META-INF/microprofile-config.properties",
                    List.of("quarkus.micrometer.binder.kafka.enabled=true"))),
            Map.entry("tenant_events_deliveries_total", new Source(GATEWAY + "publish/EventMetrics.java",
                    List.of("\"tenant.events.deliveries\"", "\"outcome\""))),
            Map.entry("alert_notifications_total", new Source(
                    "alert-service/src/main/java/io/tenancycore/alert/notify/Notifier.java",
                    List.of("\"alert_notifications_total\"", "\"failure\"", "\"receiver_type\""))),
            Map.entry("workflow_instances_failed_total", new Source(
                    "workflow-service/src/main/java/io/tenancycore/workflow/monitoring/WorkflowMetrics.java",
                    List.of("\"workflow.instances.\"", "FAILED", "\"definition\""))),
            Map.entry("security_signing_key_age_seconds", new Source(KEY_AGE, List.of("\"security.signing.key.age\""))),
            Map.entry("security_signing_key_rotation_period_seconds", new Source(KEY_AGE,
                    List.of("\"security.signing.key.rotation.period\""))),
            Map.entry("security_master_key_age_seconds", new Source(KEY_AGE, List.of("\"security.master.key.age\""))),
            Map.entry("tenancy_tls_certificate_expiry_timestamp_seconds", new Source(
                    COMMONS + "tls/CertificateExpiryMetrics.java",
                    List.of("\"tenancy.tls.certificate.expiry.timestamp.seconds\""))));

    /** Label values the rules filter on, with the source that emits them. */
    static final Map<String, Source> LABEL_VALUES = Map.of(
            "outcome=\"dead_lettered\"",
            new Source(GATEWAY + "subscription/Dispatcher.java", List.of("\"dead_lettered\"")));

    private ExposedMetrics() {
    }
}
