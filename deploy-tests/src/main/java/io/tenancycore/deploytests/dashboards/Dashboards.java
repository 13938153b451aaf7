package io.tenancycore.deploytests.dashboards;

import io.tenancycore.deploytests.dashboards.DashboardSpec.Kind;
import io.tenancycore.deploytests.dashboards.DashboardSpec.Panel;
import io.tenancycore.deploytests.dashboards.DashboardSpec.Query;
import io.tenancycore.deploytests.dashboards.DashboardSpec.Section;
import java.util.List;

/**
 * The four dashboards the seed names: tenant overview, system performance, business metrics, alerts and incidents.
 * Every query names only metrics of deploy/metrics/catalog.yaml ({@link DashboardGenerator} refuses others), and
 * the system tests evaluate each one in a Prometheus scraping the running suite.
 */
public final class Dashboards {

    /** Grafana's rate window: at least four scrape intervals, so a rate always has two samples. */
    private static final String WINDOW = "[$__rate_interval]";
    private static final String TENANT = "tenant=~\"$tenant\"";

    private Dashboards() {
    }

    public static List<DashboardSpec> all() {
        return List.of(tenantOverview(), systemPerformance(), businessMetrics(), alertsAndIncidents());
    }

    static DashboardSpec tenantOverview() {
        return new DashboardSpec("tenant-overview.json", "tenancy-tenant-overview", "Tenancy Core / Tenant overview",
                "Traffic, errors, latency, API quota and storage per tenant (the tenant label is capped; tenants past "
                        + "the cap count as other).",
                true, List.of(
                        new Section("Traffic", List.of(
                                timeseries("Requests per second", "Requests every service answered, by tenant",
                                        "reqps", q("sum by (tenant) (rate(tenant_requests_total{" + TENANT + "}"
                                                + WINDOW + "))", "{{tenant}}")),
                                timeseries("Requests by status", "All tenants selected, by HTTP status", "reqps",
                                        q("sum by (status) (rate(tenant_requests_total{" + TENANT + "}" + WINDOW
                                                + "))", "{{status}}")),
                                timeseries("Server error ratio", "Share of 5xx answers, by tenant", "percentunit",
                                        q("sum by (tenant) (rate(tenant_requests_total{" + TENANT
                                                + ",status=~\"5..\"}" + WINDOW + ")) / sum by (tenant) "
                                                + "(rate(tenant_requests_total{" + TENANT + "}" + WINDOW + "))",
                                                "{{tenant}}")),
                                timeseries("Refused requests", "401, 403 and 429 answers by tenant and status",
                                        "reqps", q("sum by (tenant, status) (rate(tenant_requests_total{" + TENANT
                                                + ",status=~\"401|403|429\"}" + WINDOW + "))",
                                                "{{tenant}} {{status}}")))),
                        new Section("Latency", List.of(
                                timeseries("Response time p95", "95th percentile of response time by tenant", "s",
                                        q(quantile("0.95", "tenant_response_time_seconds_bucket", TENANT, "tenant"),
                                                "{{tenant}}")),
                                timeseries("Response time p50 by service", "Median response time per service",
                                        "s", q(quantile("0.5", "tenant_response_time_seconds_bucket", TENANT,
                                                "job"), "{{job}}")))),
                        new Section("Quota and storage", List.of(
                                bargauge("API quota used this hour", "Share of api_quota_per_hour used; 429 at 100 %",
                                        "percentunit", q("max by (tenant) (tenant_api_quota_usage{" + TENANT
                                                + "})", "{{tenant}}")),
                                bargauge("Storage used", "Bytes stored per tenant, all services", "bytes",
                                        q("sum by (tenant) (tenant_storage_usage_bytes{" + TENANT + "})",
                                                "{{tenant}}"))))));
    }

    static DashboardSpec systemPerformance() {
        return new DashboardSpec("system-performance.json", "tenancy-system-performance",
                "Tenancy Core / System performance",
                "Host, JVM, HTTP, Kafka and cache figures of the six services.", false, List.of(
                        new Section("Host", List.of(
                                timeseries("CPU usage", "Host CPU in use as each service sees it (alert at 80/95 %)",
                                        "percent", q("max by (job) (system_cpu_usage_percent)", "{{job}}")),
                                timeseries("Memory in use", "Physical memory in use on the host", "bytes",
                                        q("max by (instance) (system_memory_usage_bytes)", "{{instance}}")),
                                timeseries("Disk usage", "Used space of each service's file system (alert at 85 %)",
                                        "percent", q("max by (job) (system_disk_usage_percent)", "{{job}}")),
                                timeseries("Process CPU", "CPU share of each service's JVM", "percentunit",
                                        q("sum by (job) (process_cpu_usage)", "{{job}}")))),
                        new Section("JVM", List.of(
                                timeseries("Heap used", "Heap used against its maximum (alert at 90 %)", "bytes",
                                        q("sum by (job) (jvm_memory_used_bytes{area=\"heap\"})", "{{job}} used"),
                                        q("sum by (job) (jvm_memory_max_bytes{area=\"heap\"} > 0)", "{{job}} max")),
                                timeseries("GC pause time", "Seconds per second spent in GC pauses", "s",
                                        q("sum by (job) (rate(jvm_gc_pause_seconds_sum" + WINDOW + "))", "{{job}}")),
                                timeseries("Live threads", "JVM threads", "short",
                                        q("sum by (job) (jvm_threads_live_threads)", "{{job}}")))),
                        new Section("HTTP", List.of(
                                timeseries("Requests per second by service", "Every request a service answered",
                                        "reqps", q("sum by (job) (rate(http_server_requests_seconds_count" + WINDOW
                                                + "))", "{{job}}")),
                                timeseries("Mean response time by service", "Sum over count of the HTTP timer",
                                        "s", q("sum by (job) (rate(http_server_requests_seconds_sum" + WINDOW
                                                + ")) / sum by (job) (rate(http_server_requests_seconds_count" + WINDOW
                                                + "))", "{{job}}")))),
                        new Section("Kafka and cache", List.of(
                                timeseries("Consumer lag", "Largest record lag of each consumer (alert at 1000)",
                                        "short", q("max by (job, client_id) "
                                                + "(kafka_consumer_fetch_manager_records_lag_max)",
                                                "{{job}} {{client_id}}")),
                                timeseries("Cache hit ratio", "Hits over lookups, per cache and level",
                                        "percentunit", q("sum by (cache, level) (rate(tenancy_cache_gets_total"
                                                + "{result=\"hit\"}" + WINDOW + ")) / sum by (cache, level) "
                                                + "(rate(tenancy_cache_gets_total" + WINDOW + "))",
                                                "{{cache}} {{level}}")),
                                timeseries("Cache load time", "Mean time in the loader after a miss in both levels",
                                        "s", q("sum by (cache) (rate(tenancy_cache_load_seconds_sum" + WINDOW
                                                + ")) / sum by (cache) (rate(tenancy_cache_load_seconds_count"
                                                + WINDOW + "))", "{{cache}}")),
                                timeseries("Cache L1 entries", "Entries in each replica's in-process level", "short",
                                        q("sum by (cache) (tenancy_cache_l1_size)", "{{cache}}"))))));
    }

    static DashboardSpec businessMetrics() {
        return new DashboardSpec("business-metrics.json", "tenancy-business-metrics",
                "Tenancy Core / Business metrics",
                "Tenants, workflows, events and alerts: what the platform does for its tenants.", true, List.of(
                        new Section("Tenants", List.of(
                                stat("Active tenants", "Tenants that made requests in the last hour", "short",
                                        q("count(sum by (tenant) (increase(tenant_requests_total{" + TENANT
                                                + ",tenant!=\"none\"}[1h])) > 0)", "tenants")),
                                stat("Storage used", "Bytes all selected tenants store", "bytes",
                                        q("sum(tenant_storage_usage_bytes{" + TENANT + "})", "bytes")))),
                        new Section("Workflows", List.of(
                                timeseries("Workflow instances", "Started, completed and failed per second", "ops",
                                        q("sum(rate(workflow_instances_started_total{" + TENANT + "}" + WINDOW
                                                + "))", "started"),
                                        q("sum(rate(workflow_instances_completed_total{" + TENANT + "}" + WINDOW
                                                + "))", "completed"),
                                        q("sum(rate(workflow_instances_failed_total{" + TENANT + "}" + WINDOW
                                                + "))", "failed")),
                                timeseries("Running instances", "Instances the replicas run, by definition", "short",
                                        q("sum by (definition) (workflow_instances_active{" + TENANT + "})",
                                                "{{definition}}")),
                                timeseries("Instance duration p95", "95th percentile, start to end, by definition",
                                        "s", q(quantile("0.95", "workflow_instance_duration_seconds_bucket", TENANT,
                                                "definition"), "{{definition}}")))),
                        new Section("Events", List.of(
                                timeseries("Events published", "Published through the gateway, by priority", "ops",
                                        q("sum by (priority) (rate(tenant_events_published_total{" + TENANT + "}"
                                                + WINDOW + "))", "{{priority}}")),
                                timeseries("Deliveries by outcome", "delivered, retried, dead_lettered, duplicate",
                                        "ops", q("sum by (outcome) (rate(tenant_events_deliveries_total{" + TENANT
                                                + "}" + WINDOW + "))", "{{outcome}}")),
                                timeseries("Delivery latency p95", "Kafka arrival to the sink's acceptance", "s",
                                        q(quantile("0.95", "tenant_events_delivery_latency_seconds_bucket", TENANT,
                                                "tenant"), "{{tenant}}")),
                                stat("Live streams", "Server-sent event streams open on the gateway", "short",
                                        q("sum(tenant_events_streams_open)", "streams")))),
                        new Section("Alerts", List.of(
                                timeseries("Notifications sent", "By channel and final outcome", "ops",
                                        q("sum by (receiver_type, outcome) (rate(alert_notifications_total{" + TENANT
                                                + "}" + WINDOW + "))", "{{receiver_type}} {{outcome}}"))))));
    }

    static DashboardSpec alertsAndIncidents() {
        return new DashboardSpec("alerts-incidents.json", "tenancy-alerts-incidents",
                "Tenancy Core / Alerts and incidents",
                "Firing alerts and the signals the alert rules of deploy/prometheus/rules.yaml watch.", true, List.of(
                        new Section("Alerts", List.of(
                                alertlist("Firing and pending alerts", "Alerts labelled component=tenancy-core"),
                                timeseries("Failed notifications", "Notifications alert-service gave up on", "short",
                                        q("sum by (tenant, receiver_type) (increase(alert_notifications_total{"
                                                + TENANT + ",outcome=\"failure\"}[15m]))",
                                                "{{tenant}} {{receiver_type}}")))),
                        new Section("Incident signals", List.of(
                                timeseries("Server error ratio by service", "Alert above 5 % for 10 minutes",
                                        "percentunit", q("sum by (job) (rate(tenant_requests_total{status=~\"5..\"}"
                                                + WINDOW + ")) / sum by (job) (rate(tenant_requests_total" + WINDOW
                                                + "))", "{{job}}")),
                                timeseries("Dead-lettered events", "Events sent to tenancy.events.dlq in 15 minutes",
                                        "short", q("sum by (tenant) (increase(tenant_events_deliveries_total{"
                                                + TENANT + ",outcome=\"dead_lettered\"}[15m]))", "{{tenant}}")),
                                timeseries("Failed workflows", "Instances failed in 30 minutes, by definition",
                                        "short", q("sum by (tenant, definition) (increase("
                                                + "workflow_instances_failed_total{" + TENANT + "}[30m]))",
                                                "{{tenant}} {{definition}}")),
                                bargauge("Quota near its limit", "Tenants above 80 % of the hourly quota",
                                        "percentunit", q("max by (tenant) (tenant_api_quota_usage{" + TENANT
                                                + "}) > 0.8", "{{tenant}}")),
                                timeseries("Consumer lag", "Records behind, alert above 1000", "short",
                                        q("max by (job, client_id) (kafka_consumer_fetch_manager_records_lag_max)",
                                                "{{job}} {{client_id}}")),
                                timeseries("Host CPU", "Alert at 80 % for 15 minutes, critical at 95 %", "percent",
                                        q("max by (job) (system_cpu_usage_percent)", "{{job}}")),
                                timeseries("Key age", "Signing key against its rotation period (alert past 110 %);"
                                        + " master key (alert past a year)", "s",
                                        q("max (security_signing_key_age_seconds)", "signing key"),
                                        q("max (security_signing_key_rotation_period_seconds)", "rotation period"),
                                        q("max (security_master_key_age_seconds)", "master key")),
                                timeseries("Certificate lifetime left", "Internal TLS certificate of each service"
                                        + " (alert under 14 days)", "s",
                                        q("min by (job) (tenancy_tls_certificate_expiry_timestamp_seconds) - time()",
                                                "{{job}}"))))));
    }

    private static String quantile(String q, String bucket, String matcher, String by) {
        return "histogram_quantile(" + q + ", sum by (" + by + ", le) (rate(" + bucket + "{" + matcher + "}" + WINDOW
                + ")))";
    }

    private static Query q(String expr, String legend) {
        return new Query(expr, legend);
    }

    private static Panel timeseries(String title, String description, String unit, Query... queries) {
        return new Panel(Kind.timeseries, title, description, unit, List.of(queries));
    }

    private static Panel stat(String title, String description, String unit, Query... queries) {
        return new Panel(Kind.stat, title, description, unit, List.of(queries));
    }

    private static Panel bargauge(String title, String description, String unit, Query... queries) {
        return new Panel(Kind.bargauge, title, description, unit, List.of(queries));
    }

    private static Panel alertlist(String title, String description) {
        return new Panel(Kind.alertlist, title, description, "short", List.of());
    }
}
