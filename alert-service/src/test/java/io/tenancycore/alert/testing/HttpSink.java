package io.tenancycore.alert.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver for webhook and Slack deliveries: paths ending in {@code /down} answer 500, every other 200;
 * each request is kept with its headers and body.
 */
public final class HttpSink implements AutoCloseable {

    /** One request the sink received. */
    public record Received(String path, MultiMap headers, String body, int status) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public String header(String name) {
            return headers.get(name);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public HttpSink() {
        try {
            server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                int status = request.path().endsWith("/down") ? 500 : 200;
                received.add(new Received(request.path(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                        body.toString(), status));
                request.response().setStatusCode(status).end();
            })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("sink did not start", e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    public List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        vertx.close();
    }
}
