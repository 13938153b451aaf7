package io.tenancycore.gateway.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver for delivery tests: {@code /ok} takes every event, {@code /down} answers 500 to every one,
 * {@code /flaky} answers 503 until {@link #recover()}, {@code /slow} takes every event after {@link #SLOW_MILLIS};
 * each request is recorded with its headers, body, arrival and answer.
 */
public final class WebhookSink implements AutoCloseable {

    public static final long SLOW_MILLIS = 200;

    /** One request the sink received. */
    public record Received(String path, MultiMap headers, String body, long atNanos, int status) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile boolean flakyUp;

    public WebhookSink() {
        try {
            server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                int status = switch (request.path()) {
                    case "/down" -> 500;
                    case "/flaky" -> flakyUp ? 202 : 503;
                    default -> 202;
                };
                received.add(new Received(request.path(), MultiMap.caseInsensitiveMultiMap().addAll(
                        request.headers()), body.toString(), System.nanoTime(), status));
                if ("/slow".equals(request.path())) {
                    vertx.setTimer(SLOW_MILLIS, timer -> request.response().setStatusCode(status).end());
                } else {
                    request.response().setStatusCode(status).end();
                }
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

    /** {@code /flaky} takes events from now on. */
    public void recover() {
        flakyUp = true;
    }

    @Override
    public void close() {
        vertx.close();
    }
}
