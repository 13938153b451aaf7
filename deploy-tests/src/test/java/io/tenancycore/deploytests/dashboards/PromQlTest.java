package io.tenancycore.deploytests.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the name check relies on: metric names found, everything else (functions, labels, numbers) ignored. */
class PromQlTest {

    @Test
    void findsTheSelectedMetricsOnly() {
        assertEquals(Set.of("tenant_response_time_seconds_bucket"), PromQl.metricNames(
                "histogram_quantile(0.95, sum by (tenant, le) (rate(tenant_response_time_seconds_bucket"
                        + "{tenant=~\"$tenant\"}[$__rate_interval])))"));
        assertEquals(Set.of("jvm_memory_used_bytes", "jvm_memory_max_bytes"), PromQl.metricNames(
                "sum by (job) (jvm_memory_used_bytes{area=\"heap\"}) / sum by (job) (jvm_memory_max_bytes > 0)"));
        assertEquals(Set.of("a_total", "b"), PromQl.metricNames(
                "increase(a_total[15m] offset 1h) > 1e3 and on (job) b unless vector(1)"));
    }

    @Test
    void ignoresNamesInsideStringsAndLabelMatchers() {
        assertEquals(Set.of("tenant_requests_total"), PromQl.metricNames(
                "count(tenant_requests_total{status=~\"5..\", route=\"not_a_metric\"})"));
    }
}
