package io.tenancycore.deploytests.dashboards;

import java.util.List;
import java.util.stream.Stream;

/**
 * What a dashboard shows, before it is Grafana JSON: sections of panels, each panel a list of PromQL queries. The
 * expressions may use the Grafana variables {@code $tenant} (a regex over the tenant label, "All" is {@code .+}) and
 * {@code $__rate_interval}.
 */
public record DashboardSpec(String file, String uid, String title, String description, boolean tenantVariable,
        List<Section> sections) {

    public record Section(String title, List<Panel> panels) {
    }

    /** Panel kinds this project draws. */
    public enum Kind {
        timeseries, stat, bargauge, alertlist
    }

    /**
     * @param unit a Grafana unit id (reqps, s, bytes, percentunit, percent, short, ops)
     */
    public record Panel(Kind kind, String title, String description, String unit, List<Query> queries) {
    }

    /** @param legend a Grafana legend format ({@code {{label}}}) */
    public record Query(String expr, String legend) {
    }

    public Stream<String> expressions() {
        return sections.stream().flatMap(s -> s.panels().stream()).flatMap(p -> p.queries().stream())
                .map(Query::expr);
    }
}
