package io.tenancycore.alert.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tenancycore.commons.testsupport.ServiceProcess;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Real servers around the service under test: GreenMail (SMTP) and a stand-in template-service that renders
 * {@code alert_notification.*} as "[locale] title" text (and the token endpoint the OIDC client asks, and
 * config-service's tenant registry: tenants named {@code unknown-*}, {@code suspended-*}, {@code deleted-*} are that;
 * and security-service's transit engine for receiver secrets). The stand-in
 * can be switched off ({@link #templatesDown}) to show the built-in fallback text.
 */
public class TestServers implements QuarkusTestResourceLifecycleManager {

    /** One render call as the stand-in saw it. */
    public record RenderCall(String path, String authorization, JsonObject body) {
    }

    /** Tenants the stand-in registry does not know, or knows as suspended or deleted: by their id's prefix. */
    public static final String UNKNOWN_PREFIX = "unknown-";
    public static final String SUSPENDED_PREFIX = "suspended-";
    public static final String DELETED_PREFIX = "deleted-";
    private static final java.util.regex.Pattern TENANT_PATH = java.util.regex.Pattern.compile("^/v1/tenants/([^/]+)$");

    private static final java.util.regex.Pattern KEYS_PATH =
            java.util.regex.Pattern.compile("^/v1/tenants/([^/]+)/keys(?:/([^/]+)/(encrypt|decrypt))?$");
    /** Transit calls as the stand-in saw them: "<tenant> <operation> <key> <authorization>". */
    public static final List<String> TRANSIT_CALLS = new CopyOnWriteArrayList<>();
    public static volatile boolean transitDown;

    public static volatile GreenMail mail;
    public static volatile boolean templatesDown;
    public static final List<RenderCall> RENDERS = new CopyOnWriteArrayList<>();
    private static volatile String templatesUrl;
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        int smtp = ServiceProcess.freePort();
        mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(TestServers::handle).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            templatesUrl = "http://127.0.0.1:" + server.actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("template stand-in did not start", e);
        }
        return config();
    }

    /** The settings a replica needs to use the same servers. */
    public static Map<String, String> config() {
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(mail.getSmtp().getPort()),
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.rest-client.template-service.url", templatesUrl,
                "quarkus.rest-client.security-service.url", templatesUrl,
                "quarkus.rest-client.config-service.url", templatesUrl,
                "quarkus.oidc-client.credentials.client-secret.value", "test-secret");
    }

    @Override
    public void stop() {
        if (mail != null) {
            mail.stop();
        }
        if (vertx != null) {
            vertx.close();
        }
    }

    private static void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            String path = request.path();
            if (path.equals("/v1/auth/token")) {
                json(request, 200, new JsonObject().put("access_token", "alert-service-token")
                        .put("token_type", "Bearer").put("expires_in", 3600));
                return;
            }
            java.util.regex.Matcher tenant = TENANT_PATH.matcher(path);
            if (tenant.matches()) {
                registry(request, tenant.group(1));
                return;
            }
            java.util.regex.Matcher keys = KEYS_PATH.matcher(path);
            if (keys.matches()) {
                transit(request, keys.group(1), keys.group(2), keys.group(3), body.length() == 0 ? new JsonObject()
                        : body.toJsonObject());
                return;
            }
            if (!path.endsWith("/render")) {
                json(request, 404, new JsonObject().put("status", 404));
                return;
            }
            JsonObject call = body.length() == 0 ? new JsonObject() : body.toJsonObject();
            RENDERS.add(new RenderCall(path, request.getHeader("Authorization"), call));
            if (templatesDown) {
                json(request, 503, new JsonObject().put("status", 503));
                return;
            }
            String locale = call.getString("locale") == null ? "en" : call.getString("locale");
            JsonObject alert = call.getJsonObject("data", new JsonObject()).getJsonObject("alert", new JsonObject());
            String title = "[" + locale + "] " + alert.getString("name") + " (" + alert.getString("severity") + ")";
            String template = path.replaceAll(".*/templates/([^/]+)/render", "$1");
            JsonObject result = new JsonObject().put("name", template).put("locale", locale).put("source", "builtin")
                    .put("version", 1);
            if (template.endsWith(".slack")) {
                result.put("content_type", "application/json")
                        .put("body", new JsonObject().put("text", title).encode());
            } else {
                result.put("content_type", "text/html").put("subject", title).put("body", "<p>" + title + "</p>");
            }
            json(request, 200, result);
        });
    }

    /** config-service's GET /v1/tenants/{t}: every tenant is active except those the prefixes above name. */
    private static void registry(HttpServerRequest request, String tenant) {
        if (tenant.startsWith(UNKNOWN_PREFIX)) {
            json(request, 404, new JsonObject().put("status", 404));
            return;
        }
        String status = tenant.startsWith(SUSPENDED_PREFIX) ? "suspended"
                : tenant.startsWith(DELETED_PREFIX) ? "deleted" : "active";
        json(request, 200, new JsonObject().put("id", tenant).put("status", status));
    }

    /**
     * security-service's transit engine, enough for receiver secrets: keys are created once per tenant (409 after),
     * a ciphertext is {@code tc:v1:} + the reversed base64 of the plaintext (not the plaintext, not its base64).
     */
    private static void transit(HttpServerRequest request, String tenant, String key, String operation,
            JsonObject body) {
        TRANSIT_CALLS.add(tenant + " " + (operation == null ? "create" : operation) + " "
                + (key == null ? body.getString("name") : key) + " " + request.getHeader("Authorization"));
        if (transitDown) {
            json(request, 503, new JsonObject().put("status", 503));
            return;
        }
        if (operation == null) {
            boolean fresh = TRANSIT_KEYS.add(tenant + "/" + body.getString("name"));
            json(request, fresh ? 201 : 409, new JsonObject().put("name", body.getString("name"))
                    .put("latest_version", 1));
        } else if (operation.equals("encrypt")) {
            String reversed = new StringBuilder(body.getString("plaintext")).reverse().toString();
            json(request, 200, new JsonObject().put("ciphertext", "tc:v1:" + reversed));
        } else {
            String sealed = body.getString("ciphertext").substring("tc:v1:".length());
            json(request, 200, new JsonObject().put("plaintext", new StringBuilder(sealed).reverse().toString()));
        }
    }

    private static final java.util.Set<String> TRANSIT_KEYS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
