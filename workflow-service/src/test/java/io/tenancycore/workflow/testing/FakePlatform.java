package io.tenancycore.workflow.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server that stands in for config-service, security-service and template-service in module tests of the
 * built-in templates: the token endpoint, the tenant registry (with status), the global configuration, default roles,
 * keys (409 on a duplicate, 422 on a bad name), clients, configuration import and rendering. It keeps each request
 * with its Authorization header, and the state a test asserts on.
 */
public final class FakePlatform implements AutoCloseable {

    public static final String SERVICE_TOKEN = "service-token-of-workflow-service";

    public record Request(String method, String path, String authorization, String body) {
    }

    /** One tenant's state in the fake services. */
    public static final class Tenant {
        public volatile String status = "provisioning";
        public volatile String statusReason;
        public final JsonObject document;
        public final Set<String> roles = ConcurrentHashMap.newKeySet();
        public final Map<String, Boolean> keys = new ConcurrentHashMap<>();
        public final Map<String, String> clients = new ConcurrentHashMap<>();
        public final Map<String, Object> config = new ConcurrentHashMap<>();

        Tenant(JsonObject document) {
            this.document = document;
        }
    }

    private static final Pattern TENANT = Pattern.compile("^/v1/tenants/([a-z][a-z0-9_-]+)(/.*)?$");
    private static final Pattern KEY_NAME = Pattern.compile("^[a-z][a-z0-9_-]{0,63}$");

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    public final Map<String, Object> global = new ConcurrentHashMap<>();
    private volatile boolean renderDown;
    private volatile String cutOn;

    public FakePlatform() {
        try {
            server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                requests.add(new Request(request.method().name(), request.path(), request.getHeader("Authorization"),
                        body.toString()));
                handle(request, body.length() == 0 ? null : body.toString());
            })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake platform did not start", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public Tenant register(String tenantId, String email) {
        Tenant tenant = new Tenant(new JsonObject().put("tenant_id", tenantId).put("name", "Tenant " + tenantId)
                .put("email", email).put("plan", "basic").put("api_quota_per_hour", 5000)
                .put("storage_quota_gb", 100.0).put("features", new JsonArray().add("analytics")));
        tenants.put(tenantId, tenant);
        return tenant;
    }

    public Tenant tenant(String tenantId) {
        return tenants.get(tenantId);
    }

    public List<Request> requests(String tenantId) {
        return requests.stream().filter(r -> r.path().startsWith("/v1/tenants/" + tenantId + "/")
                || r.path().equals("/v1/tenants/" + tenantId)).toList();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * Requests of this method to paths ending in {@code pathSuffix} (e.g. {@code "POST", "/clients"}) get no answer:
     * the connection is closed, as when the service crashes mid-request; {@code null} ends it.
     */
    public void cutConnections(String method, String pathSuffix) {
        cutOn = method == null ? null : method + " " + pathSuffix;
    }

    public void renderDown(boolean down) {
        renderDown = down;
    }

    private void handle(HttpServerRequest request, String body) {
        String method = request.method().name();
        String path = request.path();
        String cut = cutOn;
        if (cut != null && (method + " " + path).startsWith(cut.substring(0, cut.indexOf(' ') + 1))
                && path.endsWith(cut.substring(cut.indexOf(' ') + 1))) {
            request.connection().close();
            return;
        }
        if (path.equals("/v1/auth/token")) {
            json(request, 200, new JsonObject().put("access_token", SERVICE_TOKEN).put("token_type", "Bearer")
                    .put("expires_in", 300));
            return;
        }
        if (!("Bearer " + SERVICE_TOKEN).equals(request.getHeader("Authorization"))) {
            json(request, 401, new JsonObject().put("title", "no service token"));
            return;
        }
        if (path.equals("/v1/config/global") && method.equals("GET")) {
            json(request, 200, new JsonObject(Map.copyOf(global)));
            return;
        }
        Matcher m = TENANT.matcher(path);
        Tenant tenant = m.matches() ? tenants.get(m.group(1)) : null;
        if (tenant == null) {
            json(request, 404, new JsonObject().put("title", "no such tenant"));
            return;
        }
        String rest = m.group(2) == null ? "" : m.group(2);
        JsonObject in = body == null ? new JsonObject() : new JsonObject(body);
        switch (method + " " + rest.replaceAll("^/(keys|clients|config/keys)/[^/]+", "/$1/*")) {
            case "GET " -> json(request, 200, tenant.document.copy().put("status", tenant.status));
            case "PATCH " -> {
                tenant.status = in.getString("status", tenant.status);
                tenant.statusReason = in.getString("status_reason");
                json(request, 200, tenant.document.copy().put("status", tenant.status));
            }
            case "POST /roles/defaults" -> {
                tenant.roles.addAll(List.of("tenant-admin", "tenant-user", "auditor"));
                json(request, 200, new JsonObject().put("added", new JsonArray()));
            }
            case "POST /keys" -> {
                String name = in.getString("name", "");
                if (!KEY_NAME.matcher(name).matches()) {
                    json(request, 422, new JsonObject().put("title", "invalid key name '" + name + "'"));
                } else if (tenant.keys.putIfAbsent(name, false) != null) {
                    json(request, 409, new JsonObject().put("title", "key exists"));
                } else {
                    json(request, 201, new JsonObject().put("name", name));
                }
            }
            case "GET /keys" -> json(request, 200, page(tenant.keys.keySet().stream()
                    .map(k -> new JsonObject().put("name", k)).toList()));
            case "POST /keys/*/config" -> {
                tenant.keys.computeIfPresent(rest.split("/")[2], (k, v) -> in.getBoolean("deletion_allowed", v));
                json(request, 200, new JsonObject());
            }
            case "DELETE /keys/*" -> {
                String name = rest.split("/")[2];
                Boolean allowed = tenant.keys.get(name);
                if (allowed == null) {
                    json(request, 404, new JsonObject());
                } else if (!allowed) {
                    json(request, 409, new JsonObject().put("title", "set deletion_allowed first"));
                } else {
                    tenant.keys.remove(name);
                    request.response().setStatusCode(204).end();
                }
            }
            case "GET /clients" -> json(request, 200, page(tenant.clients.entrySet().stream()
                    .map(e -> new JsonObject().put("client_id", e.getKey()).put("name", e.getValue())).toList()));
            case "POST /clients" -> {
                String id = m.group(1) + "." + Integer.toHexString(tenant.clients.size() + 0xa0);
                tenant.clients.put(id, in.getString("name"));
                json(request, 201, new JsonObject().put("client_id", id).put("name", in.getString("name"))
                        .put("client_secret", "secret-of-" + id));
            }
            case "DELETE /clients/*" -> {
                boolean removed = tenant.clients.remove(rest.split("/")[2]) != null;
                request.response().setStatusCode(removed ? 204 : 404).end();
            }
            case "GET /config" -> {
                JsonObject entries = new JsonObject();
                tenant.config.forEach((k, v) -> entries.put(k, new JsonObject().put("value", v).put("layer", "tenant")));
                json(request, 200, new JsonObject().put("tenant_id", m.group(1)).put("entries", entries));
            }
            case "DELETE /config/keys/*" -> {
                boolean removed = tenant.config.remove(rest.substring("/config/keys/".length())) != null;
                request.response().setStatusCode(removed ? 204 : 404).end();
            }
            case "POST /config/import" -> {
                if ("replace".equals(request.getParam("mode"))) {
                    tenant.config.clear();
                }
                flatten("", in, tenant.config);
                json(request, 200, new JsonObject().put("revision", 1));
            }
            case "POST /templates/welcome_email/render" -> {
                if (renderDown) {
                    json(request, 503, new JsonObject().put("title", "down"));
                } else {
                    json(request, 200, new JsonObject().put("subject", "Welcome to Tenancy Core")
                            .put("body", "<p>Hello " + in.getJsonObject("data").getString("user") + "</p>")
                            .put("content_type", "text/html"));
                }
            }
            default -> json(request, 404, new JsonObject().put("title", "not faked: " + method + " " + path));
        }
    }

    private static void flatten(String prefix, JsonObject object, Map<String, Object> into) {
        for (String field : object.fieldNames()) {
            Object value = object.getValue(field);
            if (value instanceof JsonObject nested) {
                flatten(prefix + field + ".", nested, into);
            } else if (value != null) {
                into.put(prefix + field, value);
            }
        }
    }

    private static JsonObject page(List<JsonObject> items) {
        return new JsonObject().put("items", new JsonArray(items)).putNull("next_cursor");
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    @Override
    public void close() {
        vertx.close();
    }
}
