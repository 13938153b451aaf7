package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboards and alert rules against the running suite: a real Prometheus scrapes the six management interfaces,
 * the test makes traffic (a tenant registered and provisioned, reads through the gateway, an alert notified to a
 * webhook, an event published), then
 * every PromQL expression of deploy/grafana/dashboards/*.json and deploy/prometheus/rules.yaml is evaluated through
 * Prometheus's HTTP API. An expression that errors fails, and so does any metric it names that Prometheus holds no
 * series of, unless deploy/metrics/catalog.yaml says the metric appears only on an event. The catalog itself is
 * checked against each service's live /q/metrics, both ways.
 */
class DashboardQueriesLiveIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");
    private static final SuiteService GATEWAY = SuiteService.named("event-gateway");
    private static final SuiteService ALERTS = SuiteService.named("alert-service");

    private static PrometheusProcess prometheus;
    private static Map<String, Catalogued> catalogBySeries;
    private static Map<String, Set<String>> liveSeriesByService;

    /** A catalogued family, reduced to what this test needs. */
    record Catalogued(String name, List<String> services, String appearsOnEvent) {
        boolean onEventOnly() {
            return appearsOnEvent != null && !appearsOnEvent.isBlank();
        }

        boolean exposedBy(String service) {
            return services.contains("all") || services.contains(service);
        }
    }

    @BeforeAll
    static void scrapeTheSuiteAfterSomeTraffic() throws Exception {
        catalogBySeries = catalog();
        prometheus = PrometheusProcess.start(SuiteService.all(), repo().resolve("deploy/prometheus/rules.yaml"));
        awaitTargets(Instant.EPOCH);
        makeTraffic();
        Instant trafficDone = Instant.now();
        liveSeriesByService = new TreeMap<>();
        for (SuiteService service : SuiteService.all()) {
            liveSeriesByService.put(service.name(), liveSeries(service));
        }
        // a scrape after the traffic (and one before it), so every counter it touched has samples
        awaitTargets(trafficDone.plusSeconds(3));
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void everyDashboardAndRuleExpressionEvaluates() throws IOException {
        Map<String, String> expressions = expressions();
        assertTrue(expressions.size() > 40, "only " + expressions.size() + " expressions");
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, String> e : expressions.entrySet()) {
            JsonNode answer = prometheus.query(e.getValue());
            if (!"success".equals(answer.path("status").asText())) {
                errors.add(e.getKey() + ": " + answer.path("errorType").asText() + " " + answer.path("error")
                        .asText() + "\n    " + e.getValue());
            }
        }
        assertEquals(List.of(), errors, "expressions Prometheus refuses");
    }

    @Test
    void everyMetricAnExpressionNamesIsAPrometheusSeries() throws IOException {
        Set<String> inPrometheus = new HashSet<>(prometheus.metricNames());
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, String> e : expressions().entrySet()) {
            for (String name : PromQlNames.of(e.getValue())) {
                Catalogued metric = catalogBySeries.get(name);
                if (metric == null) {
                    missing.add(e.getKey() + ": " + name + " (not even in the catalog)");
                } else if (!inPrometheus.contains(name) && !metric.onEventOnly()) {
                    missing.add(e.getKey() + ": " + name);
                } else {
                    checked++;
                }
            }
        }
        assertTrue(checked > 40, "only " + checked + " metric uses checked");
        assertEquals(List.of(), missing, "metrics the expressions name but Prometheus has no series of");
    }

    @Test
    void prometheusEvaluatesEveryAlertRuleWithoutError() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> problems;
        do {
            problems = new ArrayList<>();
            int rules = 0;
            for (JsonNode group : prometheus.api("/api/v1/rules").path("data").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    rules++;
                    if (!"ok".equals(rule.path("health").asText())) {
                        problems.add(rule.path("name").asText() + ": " + rule.path("health").asText() + " "
                                + rule.path("lastError").asText());
                    }
                }
            }
            if (rules == 0) {
                problems.add("Prometheus loaded no rules");
            }
            if (problems.isEmpty()) {
                return;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        fail("rules Prometheus cannot evaluate: " + problems);
    }

    @Test
    void everyCataloguedMetricIsOnTheLiveMetricsOfItsServices() {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Set<String>> live : liveSeriesByService.entrySet()) {
            for (Map.Entry<String, Catalogued> e : catalogBySeries.entrySet()) {
                Catalogued metric = e.getValue();
                if (metric.exposedBy(live.getKey()) && !metric.onEventOnly() && !live.getValue().contains(e.getKey())) {
                    missing.add(live.getKey() + ": " + e.getKey());
                }
            }
        }
        assertEquals(List.of(), missing, "catalogued series absent from /q/metrics (or mark them appears_on_event)");
    }

    @Test
    void everyLiveMetricIsCatalogued() {
        Set<String> uncatalogued = new TreeSet<>();
        for (Map.Entry<String, Set<String>> live : liveSeriesByService.entrySet()) {
            for (String series : live.getValue()) {
                Catalogued metric = catalogBySeries.get(series);
                if (metric == null || !metric.exposedBy(live.getKey())) {
                    uncatalogued.add(live.getKey() + ": " + series);
                }
            }
        }
        assertEquals(Set.of(), uncatalogued, "series on /q/metrics that deploy/metrics/catalog.yaml does not list");
    }

    /** Every expression, keyed by where it comes from, with Grafana's variables replaced as Grafana would. */
    private static Map<String, String> expressions() throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        Path dir = repo().resolve("deploy/grafana/dashboards");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                for (JsonNode panel : dashboard.path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        expressions.put(file.getFileName() + " / " + panel.path("title").asText() + " / "
                                + target.path("refId").asText(), grafanaVariablesReplaced(target.path("expr").asText()));
                    }
                }
                for (JsonNode variable : dashboard.path("templating").path("list")) {
                    Matcher source = Pattern.compile("label_values\\((\\w+),").matcher(variable.path("query").path("query")
                            .asText());
                    if (source.find()) {
                        expressions.put(file.getFileName() + " / variable " + variable.path("name").asText(),
                                source.group(1));
                    }
                }
            }
        }
        JsonNode rules = YAML.readTree(repo().resolve("deploy/prometheus/rules.yaml").toFile());
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                expressions.put("rules.yaml / " + rule.path("alert").asText(), rule.path("expr").asText());
            }
        }
        return expressions;
    }

    /** "All" tenants is the regex Grafana's allValue gives; the rate window spans many 2 s scrapes, as Grafana's does. */
    static String grafanaVariablesReplaced(String expr) {
        return expr.replace("$tenant", ".+").replace("$__rate_interval", "1m");
    }

    private static Map<String, Catalogued> catalog() throws IOException {
        Map<String, Catalogued> bySeries = new TreeMap<>();
        for (JsonNode m : YAML.readTree(repo().resolve("deploy/metrics/catalog.yaml").toFile()).path("metrics")) {
            String name = m.path("name").asText();
            List<String> services = new ArrayList<>();
            m.path("services").forEach(s -> services.add(s.asText()));
            Catalogued metric = new Catalogued(name, services, m.path("appears_on_event").asText(null));
            List<String> series = switch (m.path("type").asText()) {
                case "histogram" -> List.of(name + "_bucket", name + "_count", name + "_sum");
                case "summary" -> List.of(name + "_count", name + "_sum");
                case "long_task_timer" -> List.of(name + "_active_count", name + "_duration_sum");
                default -> List.of(name);
            };
            series.forEach(s -> bySeries.put(s, metric));
        }
        assertFalse(bySeries.isEmpty(), "empty catalog");
        return bySeries;
    }

    /** The sample names of a service's Prometheus exposition. */
    private static Set<String> liveSeries(SuiteService service) {
        String text = given().baseUri(service.managementUrl()).accept("text/plain").get("/q/metrics")
                .then().statusCode(200).extract().asString();
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.find()) {
                names.add(sample.group(1));
            }
        }
        return names;
    }

    /** Waits until every target is up and was last scraped after {@code after}. */
    private static void awaitTargets(Instant after) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            JsonNode targets = prometheus.api("/api/v1/targets?state=active").path("data").path("activeTargets");
            int ready = 0;
            StringBuilder seen = new StringBuilder();
            for (JsonNode target : targets) {
                String lastScrape = target.path("lastScrape").asText();
                boolean up = "up".equals(target.path("health").asText());
                boolean fresh = !lastScrape.isEmpty() && Instant.parse(lastScrape).isAfter(after);
                ready += up && fresh ? 1 : 0;
                seen.append(target.path("labels").path("job").asText()).append('=')
                        .append(target.path("health").asText()).append(' ').append(target.path("lastError").asText())
                        .append("; ");
            }
            state = seen.toString();
            if (targets.size() == SuiteService.all().size() && ready == targets.size()) {
                return;
            }
            Thread.sleep(250);
        }
        fail("Prometheus targets not all up and scraped after " + after + ": " + state + "\n" + prometheus.log());
    }

    /**
     * What makes the lazily registered meters appear: a tenant registered (its provisioning workflow runs, platform
     * events are handled), a tenant client's reads through the gateway on every service (requests, quota, caches),
     * a template stored (storage gauge), an alert notified to a webhook, an event published.
     */
    private static void makeTraffic() throws IOException, InterruptedException {
        String admin = SuiteTokens.platformAdmin();
        String tenant = "metrics-" + Long.toString(System.nanoTime(), 36);
        SuiteTenants.register(admin, tenant);
        String token = SuiteTokens.newTenantClient(admin, tenant, "tenant-admin");
        for (String path : List.of("/api/config/v1/tenants/{t}/config", "/api/security/v1/tenants/{t}/keys",
                "/api/templates/v1/tenants/{t}/templates", "/api/alerts/v1/tenants/{t}/alerts",
                "/api/workflows/v1/tenants/{t}/workflows/instances")) {
            given().baseUri(GATEWAY.baseUrl()).auth().oauth2(token).get(path, tenant).then().statusCode(200);
        }
        // a tenant template: template-service's storage gauge exists once the tenant stores something there
        given().baseUri(GATEWAY.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("locales", Map.of("en", Map.of("body", "Hello {user}"))))
                .put("/api/templates/v1/tenants/{t}/templates/greeting", tenant)
                .then().statusCode(org.hamcrest.Matchers.either(org.hamcrest.Matchers.is(200))
                        .or(org.hamcrest.Matchers.is(201)));
        notifyAWebhook(token, tenant);
        given().baseUri(GATEWAY.baseUrl()).auth().oauth2(token)
                .header("ce-specversion", "1.0").header("ce-id", tenant + "-1").header("ce-source", "/system-tests")
                .header("ce-type", "metrics.checked").contentType("application/json").body("{\"ok\":true}")
                .post("/api/events/v1/tenants/{t}/events", tenant).then().statusCode(202);
    }

    /**
     * An alert of the tenant routed to a webhook receiver on loopback (the suite's core.yaml allows 127.0.0.1
     * receivers), so alert-service's notification counter exists: the alert rule on failed notifications reads it.
     */
    private static void notifyAWebhook(String token, String tenant) throws IOException, InterruptedException {
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        CountDownLatch notified = new CountDownLatch(1);
        sink.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            notified.countDown();
        });
        sink.start();
        try {
            given().baseUri(ALERTS.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("name", "webhook", "type", "webhook",
                            "url", "http://127.0.0.1:" + sink.getAddress().getPort() + "/alerts"))
                    .post("/v1/tenants/{t}/receivers", tenant).then().statusCode(201);
            given().baseUri(ALERTS.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("route", Map.of("receiver", "webhook", "group_wait", "1s", "group_interval", "1h")))
                    .put("/v1/tenants/{t}/routing", tenant).then().statusCode(200);
            given().baseUri(ALERTS.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"name\": \"metrics.checked\", \"data\": {\"value\": 1}}")
                    .post("/v1/tenants/{t}/alerts", tenant).then().statusCode(201);
            assertTrue(notified.await(30, TimeUnit.SECONDS), "alert-service never called the webhook receiver");
        } finally {
            sink.stop(0);
        }
    }

    private static Path repo() {
        return Path.of(System.getProperty("tenancy.repo.root", "..")).toAbsolutePath().normalize();
    }
}
