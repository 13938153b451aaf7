package io.tenancycore.gateway.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server standing in for the services behind the gateway: config-service's tenant registry (tenants by
 * name prefix, below), security-service's token endpoint and JWKS, and for every other path an echo of what arrived
 * (method, URI, headers, body length and SHA-256), so tests see exactly what the gateway forwarded. The alerts
 * upstream points at a port nobody listens on: a service that is down.
 *
 * <p>Tenants: {@code frozen*} suspended, {@code gone*} deleted, {@code nobody*} unregistered, {@code tiny*} active
 * with {@value #TINY_QUOTA} requests per hour, {@code small*} with {@value #SMALL_QUOTA}, any other active with plenty.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    public static final int TINY_QUOTA = 3;
    public static final int SMALL_QUOTA = 20;
    public static final int DEFAULT_QUOTA = 100_000;
    /** Paths ending in this are echoed only after {@link #SLOW_MILLIS}: a service that takes its time. */
    public static final String SLOW_SUFFIX = "/slow";
    public static final long SLOW_MILLIS = 3_000;

    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            server = vertx.createHttpServer().requestHandler(FakeServices::handle).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake services did not start", e);
        }
        String url = "http://127.0.0.1:" + server.actualPort();
        String down = "http://127.0.0.1:" + closedPort();
        return Map.ofEntries(
                Map.entry("tenancy.gateway.upstreams.config.openapi-url", url + "/openapi/config"),
                Map.entry("tenancy.gateway.upstreams.templates.openapi-url", url + "/openapi/templates"),
                Map.entry("tenancy.gateway.upstreams.security.openapi-url", url + "/openapi/missing"),
                Map.entry("tenancy.gateway.upstreams.workflows.openapi-url", down + "/q/openapi"),
                Map.entry("tenancy.gateway.upstreams.alerts.openapi-url", down + "/q/openapi"),
                Map.entry("quarkus.rest-client.config-service.url", url),
                Map.entry("quarkus.rest-client.security-service.url", url),
                Map.entry("quarkus.rest-client.template-service.url", url),
                Map.entry("quarkus.rest-client.workflow-service.url", url),
                Map.entry("quarkus.rest-client.alert-service.url", down),
                Map.entry("quarkus.oidc-client.credentials.client-secret.value", "test-secret"),
                Map.entry("tenancy.tenant-status.source", "registry"));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private static void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            String path = request.path();
            if (path.equals("/v1/auth/token")) {
                json(request, 200, new JsonObject().put("access_token", "service-token").put("token_type", "Bearer")
                        .put("expires_in", 3600));
            } else if (path.equals("/openapi/config") || path.equals("/openapi/templates")) {
                json(request, 200, openApi(path.substring("/openapi/".length())));
            } else if (path.equals("/openapi/missing")) {
                json(request, 404, new JsonObject());
            } else if (path.equals("/.well-known/jwks.json")) {
                json(request, 200, new JsonObject().put("keys", new io.vertx.core.json.JsonArray()));
            } else if (path.matches("/v1/tenants/[^/]+") && request.method().name().equals("GET")
                    && request.getHeader("X-Request-Id") == null) {
                tenant(request, path.substring("/v1/tenants/".length()));
            } else if (path.endsWith(SLOW_SUFFIX)) {
                Vertx.currentContext().owner().setTimer(SLOW_MILLIS, ignored -> {
                    if (!request.response().closed()) {
                        echo(request, body);
                    }
                });
            } else {
                echo(request, body);
            }
        });
    }

    /** A registry read by the gateway itself (proxied reads carry an X-Request-Id and get the echo). */
    private static void tenant(HttpServerRequest request, String tenant) {
        if (tenant.startsWith("nobody")) {
            json(request, 404, new JsonObject().put("status", 404));
            return;
        }
        String status = tenant.startsWith("frozen") ? "suspended" : tenant.startsWith("gone") ? "deleted" : "active";
        json(request, 200, new JsonObject().put("tenant_id", tenant).put("name", tenant).put("status", status)
                .put("email", "admin@" + tenant + ".example").put("features", new io.vertx.core.json.JsonArray())
                .put("api_quota_per_hour", tenant.startsWith("tiny") ? TINY_QUOTA
                        : tenant.startsWith("small") ? SMALL_QUOTA : DEFAULT_QUOTA));
    }

    /**
     * A service's OpenAPI document: both use the operation id {@code list}, share an identical {@code Problem} and
     * define {@code Entry} differently.
     */
    public static JsonObject openApi(String service) {
        String collection = service.equals("config") ? "config" : "templates";
        JsonObject entry = new JsonObject().put("type", "object").put("properties", new JsonObject()
                .put(service + "_field", new JsonObject().put("type", "string")));
        JsonObject problem = new JsonObject().put("type", "object").put("properties", new JsonObject()
                .put("type", new JsonObject().put("type", "string")));
        JsonObject ok = new JsonObject().put("description", "OK").put("content", new JsonObject().put(
                "application/json", new JsonObject().put("schema", new JsonObject().put("$ref",
                        "#/components/schemas/Entry"))));
        return new JsonObject().put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", service).put("version", "1"))
                .put("servers", new io.vertx.core.json.JsonArray().add(new JsonObject().put("url", "http://x")))
                .put("paths", new JsonObject().put("/v1/tenants/{tenantId}/" + collection, new JsonObject()
                        .put("get", new JsonObject().put("operationId", "list")
                                .put("responses", new JsonObject().put("200", ok)))))
                .put("components", new JsonObject().put("schemas", new JsonObject().put("Entry", entry)
                        .put("Problem", problem)));
    }

    private static void echo(HttpServerRequest request, Buffer body) {
        JsonObject headers = new JsonObject();
        request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(java.util.Locale.ROOT),
                header.getValue()));
        json(request, 200, new JsonObject().put("method", request.method().name()).put("uri", request.uri())
                .put("headers", headers).put("body_length", body.length()).put("body_sha256", sha256(body)));
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body.encode());
    }

    public static String sha256(Buffer body) {
        return sha256(body.getBytes());
    }

    public static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
