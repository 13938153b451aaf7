package io.tenancycore.gateway.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver for delivery tests: {@code /ok} takes every event, {@code /down} answers 500 to every one; each
 * request is recorded with its headers and body.
 */
public final class WebhookSink implements AutoCloseable {

    /** One request the sink received. */
    public record Received(String path, MultiMap headers, String body, long atNanos) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public WebhookSink() {
        try {
            server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                received.add(new Received(request.path(), MultiMap.caseInsensitiveMultiMap().addAll(
                        request.headers()), body.toString(), System.nanoTime()));
                request.response().setStatusCode(request.path().equals("/down") ? 500 : 202).end();
            })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("webhook sink did not start", e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    /** What arrived carrying this event id ({@code ce-id}), in order. */
    public List<Received> withEventId(String id) {
        return received.stream().filter(r -> id.equals(r.header("ce-id"))).toList();
    }

    @Override
    public void close() {
        vertx.close();
    }
}
