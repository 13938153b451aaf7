package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A second tenant's administrator tries every operation of every service on the first tenant's resources: the
 * operations come from the platform's OpenAPI document (the gateway merges every service's), so a new endpoint is
 * tried as soon as it exists. Each is tried through the gateway and, for the proxied services, directly at the
 * service (the gateway is the first line, never the only one). Every answer is a 403 or 404 problem, none holds the
 * victim's data (marker strings planted in it), and every cross-tenant refusal is in the victim's audit trail.
 */
class TenantIsolationIT {

    private static final SuiteService GATEWAY = SuiteService.named("event-gateway");
    private static final Map<String, SuiteService> PROXIED = Map.of(
            "config", SuiteService.named("config-service"),
            "security", SuiteService.named("security-service"),
            "alerts", SuiteService.named("alert-service"),
            "templates", SuiteService.named("template-service"),
            "workflows", SuiteService.named("workflow-service"));
    private static final Pattern GATEWAY_PATH = Pattern.compile("^/api/([a-z]+)(/.*)$");
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
    private static final String TENANT_PARAMETER = "{tenantId}";
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final Set<String> READ_OR_REMOVE = Set.of("get", "delete");
    /** Operations outside a tenant's path that a tenant may call, and why. */
    private static final Map<String, String> TENANT_CALLABLE = Map.of(
            "POST /api/security/v1/auth/token", "the token endpoint: credentials in the body decide",
            "GET /api/security/.well-known/jwks.json", "the public keys tokens are verified with",
            "GET /api/security/.well-known/openid-configuration", "where the token endpoint and the JWKS are",
            "GET /api/security/v1/permissions", "the permission catalogue: names, no tenant data",
            "POST /api/security/v1/authz/check", "decides for the caller's own tenant; tried below with the victim's",
            "POST /api/alerts/api/v2/alerts", "Alertmanager ingest for the caller's tenant; tried below with the victim's",
            "GET /api/openapi", "the platform's API description",
            "POST /api/config/v1/tenants/validate", "the seed's tenant_validator: checks a document, stores nothing");
    /** Planted in the victim's data (values, bodies, labels), never in an id the attacker puts in a path. */
    private static final String MARKER = "victim-marker-" + UUID.randomUUID();

    private static String victim;
    private static String attacker;
    private static String platform;
    private static String attackerAdmin;
    private static String attackerSubject;
    /** Real resources of the victim, by the path segment naming their collection. */
    private static final Map<String, String> VICTIM_IDS = new TreeMap<>();

    /** An operation of the platform's API: a method and a gateway path ({@code /api/{service}/...}). */
    record Operation(String method, String path) {

        String service() {
            Matcher m = GATEWAY_PATH.matcher(path);
            return m.matches() ? m.group(1) : "";
        }

        /** The path the service itself serves (the gateway's prefix removed). */
        String servicePath() {
            Matcher m = GATEWAY_PATH.matcher(path);
            return m.matches() ? m.group(2) : path;
        }

        boolean tenantScoped() {
            return path.contains(TENANT_PARAMETER);
        }

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    @BeforeAll
    static void twoTenantsAndTheVictimsData() throws Exception {
        platform = SuiteTokens.platformAdmin();
        String run = Long.toString(System.nanoTime(), 36);
        victim = "victim-" + run;
        attacker = "attacker-" + run;
        SuiteTenants.register(platform, victim);
        SuiteTenants.register(platform, attacker);
        Map<String, Object> client = SuiteTokens.newTenantClientCredentials(platform, attacker, "tenant-admin");
        attackerSubject = (String) client.get("client_id");
        attackerAdmin = SuiteTokens.token(attackerSubject, (String) client.get("client_secret"));
        String victimAdmin = SuiteTokens.newTenantClient(platform, victim, "tenant-admin");
        plantVictimData(victimAdmin);
    }

    /** One resource of each kind the victim owns, each holding the marker where it holds data. */
    private static void plantVictimData(String admin) {
        String key = "victim_only.note";
        asVictim(admin).body(Map.of("value", MARKER)).put("/api/config/v1/tenants/{t}/config/keys/" + key, victim)
                .then().statusCode(201);
        VICTIM_IDS.put("keys:config", key);
        asVictim(admin).body(Map.of("value", MARKER + "-secret", "secret", true))
                .put("/api/config/v1/tenants/{t}/config/keys/victim_only.password", victim).then().statusCode(201);
        asVictim(admin).body(Map.of("type", "object", "description", MARKER))
                .put("/api/config/v1/tenants/{t}/config/schemas/victimns", victim).then().statusCode(201);
        VICTIM_IDS.put("schemas", "victimns");
        asVictim(admin).body(Map.of("name", "victim-key")).post("/api/security/v1/tenants/{t}/keys", victim)
                .then().statusCode(201);
        VICTIM_IDS.put("keys:security", "victim-key");
        asVictim(admin).body(Map.of("permissions", List.of("config:read"), "description", MARKER))
                .put("/api/security/v1/tenants/{t}/roles/victim-role", victim).then().statusCode(201);
        VICTIM_IDS.put("roles", "victim-role");
        String victimClient = (String) SuiteTokens.newTenantClientCredentials(platform, victim, "tenant-user")
                .get("client_id");
        VICTIM_IDS.put("clients", victimClient);
        VICTIM_IDS.put("bindings", victimClient);
        asVictim(admin).body(Map.of("content_type", "text/plain", "locales", Map.of("en", Map.of("body", MARKER))))
                .put("/api/templates/v1/tenants/{t}/templates/victim_tpl", victim).then().statusCode(201);
        VICTIM_IDS.put("templates", "victim_tpl");
        asVictim(admin).body(Map.of("name", "victim-hook", "type", "webhook", "url",
                        "http://127.0.0.1:9/" + MARKER, "secret", MARKER + "-hmac"))
                .post("/api/alerts/v1/tenants/{t}/receivers", victim).then().statusCode(201);
        VICTIM_IDS.put("receivers", "victim-hook");
        String fingerprint = asVictim(admin).body(Map.of("name", "victim.alert", "data", Map.of("note", MARKER)))
                .post("/api/alerts/v1/tenants/{t}/alerts", victim).then().statusCode(201).extract().path("fingerprint");
        VICTIM_IDS.put("alerts", fingerprint);
        String subscription = asVictim(admin).body(Map.of("sink", "http://127.0.0.1:9/" + MARKER))
                .post("/api/events/v1/tenants/{t}/subscriptions", victim).then().statusCode(201).extract().path("id");
        VICTIM_IDS.put("subscriptions", subscription);
        String instance = asVictim(admin).get("/api/workflows/v1/tenants/{t}/workflows/instances", victim)
                .then().statusCode(200).extract().path("items[0].id");
        VICTIM_IDS.put("instances", instance);
        VICTIM_IDS.put("definitions", "tenant_provisioning");
    }

    @Test
    void everyOperationOnTheVictimIsRefusedLeaksNothingAndIsAudited() throws Exception {
        List<Operation> operations = operations();
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> expectedDenials = new TreeMap<>();
        int tried = 0;
        for (Operation operation : operations) {
            if (!operation.tenantScoped()) {
                continue;
            }
            String gatewayPath = fill(operation, operation.path(), victim);
            check(operation, "gateway", call(GATEWAY.baseUrl(), operation.method(), gatewayPath), wrong);
            expectedDenials.merge(audited(operation, operation.servicePath()), 1, Integer::sum);
            tried++;
            SuiteService service = PROXIED.get(operation.service());
            if (service != null) {
                check(operation, service.name(),
                        call(service.baseUrl(), operation.method(), fill(operation, operation.servicePath(), victim)),
                        wrong);
                expectedDenials.merge(audited(operation, operation.servicePath()), 1, Integer::sum);
                tried++;
            }
        }
        assertEquals(List.of(), wrong, "answers to the attacker that are not a clean 403/404");
        assertTrue(tried > 100, "only " + tried + " attempts: the OpenAPI documents list too few operations");

        // every refusal is in the victim's trail: who tried, from which tenant, on what
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Integer> recorded = new TreeMap<>();
            for (Map<String, Object> entry : SuiteAudit.entries(PROXIED.get("security").baseUrl(), platform, victim,
                    "tenant.cross-access")) {
                Map<?, ?> details = (Map<?, ?>) entry.get("details");
                if (attackerSubject.equals(entry.get("actor")) && "denied".equals(entry.get("outcome"))
                        && attacker.equals(details.get("token_tenant"))) {
                    recorded.merge((String) entry.get("resource"), 1, Integer::sum);
                }
            }
            List<String> missing = expectedDenials.entrySet().stream()
                    .filter(e -> recorded.getOrDefault(e.getKey(), 0) < e.getValue())
                    .map(e -> e.getKey() + " x" + e.getValue() + " (recorded " + recorded.getOrDefault(e.getKey(), 0) + ")")
                    .toList();
            assertEquals(List.of(), missing, "cross-tenant refusals missing from the victim's audit trail");
        });
    }

    /**
     * Operations outside any tenant's path are the platform's (the registry, global configuration, signing keys ...):
     * a tenant administrator is refused each, and each refusal is in the attacker's own trail. The few a tenant may
     * call are listed with their reason; two of them name a tenant in the request and are tried with the victim's.
     */
    @Test
    void platformOperationsAreRefusedToATenantAndAudited() throws Exception {
        List<String> wrong = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Operation operation : operations()) {
            if (operation.tenantScoped() || TENANT_CALLABLE.containsKey(operation.toString())) {
                continue;
            }
            Response response = call(GATEWAY.baseUrl(), operation.method(), fill(operation, operation.path(), victim));
            check(operation, "gateway", response, wrong);
            if (response.statusCode() == 403) {
                refused.add(fill(operation, operation.servicePath(), victim));
            }
        }
        assertEquals(List.of(), wrong, "platform operations a tenant administrator could call");
        // the authorization decision API and the Alertmanager ingest name their tenant in the request
        given().baseUri(GATEWAY.baseUrl()).auth().oauth2(attackerAdmin).contentType(ContentType.JSON)
                .body(Map.of("tenant_id", victim, "subject", VICTIM_IDS.get("clients"), "permission", "config:read"))
                .post("/api/security/v1/authz/check")
                .then().statusCode(403).contentType("application/problem+json");
        given().baseUri(GATEWAY.baseUrl()).auth().oauth2(attackerAdmin).contentType(ContentType.JSON)
                .header("X-Scope-OrgID", victim)
                .body(List.of(Map.of("labels", Map.of("alertname", "attack", "tenant", victim))))
                .post("/api/alerts/api/v2/alerts")
                .then().statusCode(403).contentType("application/problem+json");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<String> recorded = SuiteAudit.entries(PROXIED.get("security").baseUrl(), platform, attacker,
                            "request.refused").stream()
                    .filter(entry -> attackerSubject.equals(entry.get("actor")) && "denied".equals(entry.get("outcome")))
                    .map(entry -> (String) entry.get("resource"))
                    .collect(Collectors.toSet());
            List<String> missing = refused.stream().filter(path -> !recorded.contains(path)).toList();
            assertEquals(List.of(), missing, "refused platform operations missing from the attacker's audit trail");
        });
    }

    /**
     * The attacker's own tenant with the victim's ids (instance ids, fingerprints, subscription ids, names): nothing
     * of the victim's is found there, read or changed, and afterwards the victim still has all of it.
     */
    @Test
    void theVictimsIdsUnderTheAttackersOwnTenantAreNotFound() throws Exception {
        List<String> wrong = new ArrayList<>();
        int tried = 0;
        for (Operation operation : operations()) {
            // a PUT or PATCH there writes the attacker's own resource of that name: nothing of the victim's is involved
            if (!operation.tenantScoped() || !namesOnlyVictimResources(operation)
                    || !READ_OR_REMOVE.contains(operation.method())) {
                continue;
            }
            Response response = call(GATEWAY.baseUrl(), operation.method(), fill(operation, operation.path(), attacker));
            check(operation, "gateway", response, wrong);
            if (response.statusCode() != 404) {
                wrong.add(operation + " on the attacker's tenant: " + response.statusCode() + ", expected 404");
            }
            tried++;
        }
        assertEquals(List.of(), wrong, "the victim's ids under the attacker's tenant");
        assertTrue(tried >= VICTIM_IDS.size(), "only " + tried + " operations name the victim's resources");
        for (String path : List.of("/api/config/v1/tenants/{t}/config/keys/victim_only.note",
                "/api/templates/v1/tenants/{t}/templates/victim_tpl",
                "/api/alerts/v1/tenants/{t}/receivers/victim-hook",
                "/api/security/v1/tenants/{t}/keys/victim-key",
                "/api/events/v1/tenants/{t}/subscriptions/" + VICTIM_IDS.get("subscriptions"))) {
            given().baseUri(GATEWAY.baseUrl()).auth().oauth2(platform).get(path, victim).then().statusCode(200);
        }
    }

    /** True when every parameter but the tenant names a real resource of the victim (no placeholder). */
    private static boolean namesOnlyVictimResources(Operation operation) {
        Matcher parameters = PARAMETER.matcher(operation.path());
        boolean any = false;
        while (parameters.find()) {
            if (parameters.group(1).equals("tenantId")) {
                continue;
            }
            String value = victimResource(operation, operation.path(), parameters.start());
            if (!VICTIM_IDS.containsValue(value) || value.equals("tenant_provisioning")) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static void check(Operation operation, String where, Response response, List<String> wrong) {
        int status = response.statusCode();
        String body = response.asString();
        String contentType = response.contentType() == null ? "" : response.contentType();
        if (status != 403 && status != 404) {
            wrong.add(operation + " via " + where + ": " + status + " " + abbreviate(body));
        } else if (!contentType.startsWith("application/problem+json")) {
            wrong.add(operation + " via " + where + ": " + status + " as " + contentType);
        }
        if (body.contains(MARKER)) {
            wrong.add(operation + " via " + where + ": the answer holds the victim's data");
        }
    }

    /** What the refusing side records as the resource: the path the service serves, tenant and ids filled in. */
    private static String audited(Operation operation, String servicePath) {
        String path = operation.service().equals("events") ? operation.path() : servicePath;
        return fill(operation, path, victim);
    }

    /** Fills {tenantId} with {@code tenant} and every other parameter with the victim's real resource of that kind. */
    private static String fill(Operation operation, String path, String tenant) {
        Matcher parameters = PARAMETER.matcher(path);
        StringBuilder filled = new StringBuilder();
        while (parameters.find()) {
            String name = parameters.group(1);
            String value = name.equals("tenantId") ? tenant : victimResource(operation, path, parameters.start());
            parameters.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        parameters.appendTail(filled);
        return filled.toString();
    }

    /** The victim's resource in the collection named by the segment before the parameter (a plausible id if none). */
    private static String victimResource(Operation operation, String path, int at) {
        String before = path.substring(0, at);
        String[] segments = before.split("/");
        String collection = segments.length == 0 ? "" : segments[segments.length - 1];
        String byService = VICTIM_IDS.get(collection + ":" + operation.service());
        if (byService != null) {
            return byService;
        }
        return VICTIM_IDS.getOrDefault(collection, switch (collection) {
            case "locales", "messages" -> "fr";
            case "datakey" -> "plaintext";
            case "environments", "env" -> "dev";
            case "versions", "revisions" -> "1";
            default -> "victim-resource";
        });
    }

    private static Response call(String base, String method, String path) {
        RequestSpecification request = given().baseUri(base).auth().oauth2(attackerAdmin)
                .urlEncodingEnabled(false);
        if (!method.equals("get") && !method.equals("delete")) {
            request.contentType(path.endsWith("/events") ? "application/cloudevents+json" : "application/json")
                    .body(path.endsWith("/events")
                            ? "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/a\",\"type\":\"attack\"}"
                            : "{}");
        }
        return request.request(method.toUpperCase(Locale.ROOT), path);
    }

    /** Every operation of the platform's API, from the gateway's merged OpenAPI document. */
    static List<Operation> operations() throws Exception {
        String document = given().baseUri(GATEWAY.baseUrl()).get("/api/openapi")
                .then().statusCode(200).extract().asString();
        JsonNode root = new ObjectMapper().readTree(document);
        assertTrue(root.path("x-tenancy-unavailable-services").isMissingNode()
                        || root.path("x-tenancy-unavailable-services").isEmpty(),
                "services missing from the merged document: " + root.path("x-tenancy-unavailable-services"));
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (METHODS.contains(method)) {
                    operations.add(new Operation(method, path.getKey()));
                }
            }
        }
        Set<String> services = operations.stream().map(Operation::service).collect(Collectors.toSet());
        assertTrue(services.containsAll(Set.of("config", "security", "alerts", "templates", "workflows", "events")),
                "services in the merged document: " + services);
        return operations;
    }

    private static RequestSpecification asVictim(String token) {
        return given().baseUri(GATEWAY.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
