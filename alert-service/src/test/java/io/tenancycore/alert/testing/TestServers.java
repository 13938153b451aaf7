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
 * {@code alert_notification.*} as "[locale] title" text (and the token endpoint the OIDC client asks). The stand-in
 * can be switched off ({@link #templatesDown}) to show the built-in fallback text.
 */
public class TestServers implements QuarkusTestResourceLifecycleManager {

    /** One render call as the stand-in saw it. */
    public record RenderCall(String path, String authorization, JsonObject body) {
    }

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

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
