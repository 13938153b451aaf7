package io.tenancycore.workflow.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real HTTP server for the workflows' calls, on 127.0.0.1: {@code /ok} answers {"ok": true}, {@code /fail} 503,
 * {@code /flaky} 500 until {@link #heal()}, {@code /redirect} 302 to {@code /redirected}. It keeps each request's path
 * and its Idempotency-Key and Authorization headers.
 */
public final class HttpSink implements AutoCloseable {

    public record Hit(String path, String idempotencyKey, String authorization) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final AtomicBoolean healed = new AtomicBoolean();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    public HttpSink() {
        try {
            server = vertx.createHttpServer().requestHandler(request -> {
                hits.add(new Hit(request.path(), request.getHeader("Idempotency-Key"), request.getHeader("Authorization")));
                counts.merge(request.path(), 1, Integer::sum);
                if (request.path().equals("/redirect")) {
                    request.response().setStatusCode(302).putHeader("Location", "/redirected").end();
                    return;
                }
                int status = switch (request.path()) {
                    case "/ok", "/redirected" -> 200;
                    case "/flaky" -> healed.get() ? 200 : 500;
                    default -> 503;
                };
                request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("ok", status == 200).put("path", request.path()).encode());
            }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("sink did not start", e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    public int count(String path) {
        return counts.getOrDefault(path, 0);
    }

    public List<Hit> hits(String path) {
        return hits.stream().filter(h -> h.path().equals(path)).toList();
    }

    public void heal() {
        healed.set(true);
    }

    @Override
    public void close() {
        vertx.close();
    }
}
