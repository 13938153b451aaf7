package io.tenancycore.deploytests.dashboards;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenancycore.deploytests.dashboards.DashboardSpec.Kind;
import io.tenancycore.deploytests.dashboards.DashboardSpec.Panel;
import io.tenancycore.deploytests.dashboards.DashboardSpec.Query;
import io.tenancycore.deploytests.dashboards.DashboardSpec.Section;

/**
 * Turns a {@link DashboardSpec} into Grafana dashboard JSON (schemaVersion 39, the Grafana 10.4/11 model): a
 * Prometheus data source variable every panel uses, an optional multi-value {@code tenant} variable, one collapsed-free
 * row per section and panels two to a row. Everything is derived from the spec (ids count up, no timestamps), so the
 * same spec always gives the same bytes.
 */
final class GrafanaJson {

    static final int SCHEMA_VERSION = 39;
    static final String TENANT_VARIABLE_SOURCE = "label_values(tenant_requests_total, tenant)";
    private static final int GRID_WIDTH = 24;
    private static final int PANEL_WIDTH = 12;
    private static final int PANEL_HEIGHT = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private int nextId;
    private int y;

    private GrafanaJson() {
    }

    static ObjectNode render(DashboardSpec spec) {
        return new GrafanaJson().dashboard(spec);
    }

    private ObjectNode dashboard(DashboardSpec spec) {
        ObjectNode d = JSON.createObjectNode();
        d.put("uid", spec.uid());
        d.put("title", spec.title());
        d.put("description", spec.description());
        d.putArray("tags").add("tenancy-core");
        d.put("timezone", "browser");
        d.put("editable", true);
        d.put("graphTooltip", 1);
        d.put("liveNow", false);
        d.put("refresh", "30s");
        d.put("schemaVersion", SCHEMA_VERSION);
        d.put("version", 1);
        d.putObject("time").put("from", "now-6h").put("to", "now");
        d.putObject("timepicker");
        d.set("annotations", annotations());
        d.set("templating", templating(spec));
        ArrayNode panels = d.putArray("panels");
        for (Section section : spec.sections()) {
            panels.add(row(section.title()));
            int x = 0;
            for (Panel panel : section.panels()) {
                if (x + PANEL_WIDTH > GRID_WIDTH) {
                    x = 0;
                    y += PANEL_HEIGHT;
                }
                panels.add(panel(panel, x));
                x += PANEL_WIDTH;
            }
            y += PANEL_HEIGHT;
        }
        d.putArray("links");
        return d;
    }

    private static ObjectNode annotations() {
        ObjectNode builtIn = JSON.createObjectNode();
        builtIn.put("builtIn", 1);
        builtIn.putObject("datasource").put("type", "grafana").put("uid", "-- Grafana --");
        builtIn.put("enable", true);
        builtIn.put("hide", true);
        builtIn.put("iconColor", "rgba(0, 211, 255, 1)");
        builtIn.put("name", "Annotations & Alerts");
        builtIn.put("type", "dashboard");
        ObjectNode annotations = JSON.createObjectNode();
        annotations.putArray("list").add(builtIn);
        return annotations;
    }

    private static ObjectNode templating(DashboardSpec spec) {
        ObjectNode templating = JSON.createObjectNode();
        ArrayNode list = templating.putArray("list");
        ObjectNode datasource = list.addObject();
        datasource.put("name", "datasource");
        datasource.put("label", "Data source");
        datasource.put("type", "datasource");
        datasource.put("query", "prometheus");
        datasource.put("hide", 0);
        datasource.put("refresh", 1);
        datasource.put("regex", "");
        datasource.putArray("options");
        if (spec.tenantVariable()) {
            ObjectNode tenant = list.addObject();
            tenant.put("name", "tenant");
            tenant.put("label", "Tenant");
            tenant.put("type", "query");
            tenant.set("datasource", datasource());
            ObjectNode query = tenant.putObject("query");
            query.put("query", TENANT_VARIABLE_SOURCE);
            query.put("refId", "PrometheusVariableQueryEditor-VariableQuery");
            query.put("qryType", 1);
            tenant.put("refresh", 2);
            tenant.put("includeAll", true);
            tenant.put("multi", true);
            tenant.put("allValue", ".+");
            tenant.put("sort", 1);
            tenant.put("hide", 0);
            tenant.put("regex", "");
            tenant.putArray("options");
        }
        return templating;
    }

    private static ObjectNode datasource() {
        return JSON.createObjectNode().put("type", "prometheus").put("uid", "${datasource}");
    }

    private ObjectNode row(String title) {
        ObjectNode row = JSON.createObjectNode();
        row.put("id", ++nextId);
        row.put("type", "row");
        row.put("title", title);
        row.put("collapsed", false);
        row.putObject("gridPos").put("h", 1).put("w", GRID_WIDTH).put("x", 0).put("y", y);
        row.putArray("panels");
        y += 1;
        return row;
    }

    private ObjectNode panel(Panel spec, int x) {
        ObjectNode panel = JSON.createObjectNode();
        panel.put("id", ++nextId);
        panel.put("type", spec.kind().name());
        panel.put("title", spec.title());
        panel.put("description", spec.description());
        panel.putObject("gridPos").put("h", PANEL_HEIGHT).put("w", PANEL_WIDTH).put("x", x).put("y", y);
        if (spec.kind() == Kind.alertlist) {
            ObjectNode options = panel.putObject("options");
            options.put("alertInstanceLabelFilter", "{component=\"tenancy-core\"}");
            options.put("groupMode", "default");
            options.put("maxItems", 50);
            options.put("sortOrder", 1);
            options.put("viewMode", "list");
            options.putObject("stateFilter").put("firing", true).put("pending", true).put("normal", false)
                    .put("error", true).put("noData", false);
            return panel;
        }
        panel.set("datasource", datasource());
        ObjectNode fieldConfig = panel.putObject("fieldConfig");
        fieldConfig.putObject("defaults").put("unit", spec.unit());
        fieldConfig.putArray("overrides");
        ObjectNode options = panel.putObject("options");
        if (spec.kind() == Kind.timeseries) {
            options.putObject("legend").put("displayMode", "list").put("placement", "bottom").put("showLegend", true);
            options.putObject("tooltip").put("mode", "multi").put("sort", "desc");
        } else {
            ObjectNode reduce = options.putObject("reduceOptions");
            reduce.putArray("calcs").add("lastNotNull");
            reduce.put("fields", "");
            reduce.put("values", false);
            options.put("orientation", "horizontal");
        }
        ArrayNode targets = panel.putArray("targets");
        char refId = 'A';
        for (Query query : spec.queries()) {
            ObjectNode target = targets.addObject();
            target.put("refId", String.valueOf(refId++));
            target.set("datasource", datasource());
            target.put("expr", query.expr());
            target.put("legendFormat", query.legend());
            target.put("range", spec.kind() == Kind.timeseries);
            target.put("instant", spec.kind() != Kind.timeseries);
        }
        return panel;
    }
}
