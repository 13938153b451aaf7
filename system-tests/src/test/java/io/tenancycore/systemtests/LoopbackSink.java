package io.tenancycore.systemtests;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP receiver on loopback (alert webhooks, Slack, event subscriptions) that keeps every request it gets and
 * answers 200. The suite's dev settings let alert-service and the gateway deliver to 127.0.0.1 (core.yaml).
 *
 * <p>A path can be made to misbehave, as a real receiver does: {@link #failFirst} answers 500 to its next requests,
 * {@link #failUntilRecovered} to every request until {@link #recover}, and {@link #delay} answers only after a pause
 * (longer than a deliverer's timeout, it is a receiver that does not answer). Each request is handled on its own
 * thread, so a slow path never holds up another.
 */
final class LoopbackSink implements AutoCloseable {

    static final int FAILURE_STATUS = 500;

    /**
     * One request: its path, its headers (first value each, names case-insensitive), its body, the status answered
     * and whether the answer was held back by {@link #delay}.
     */
    record Received(String path, Map<String, String> headers, String body, int status, boolean late) {

        String header(String name) {
            return headers.get(name);
        }

        /** Answered 2xx in time: the delays tests set exceed the deliverer's timeout, so a late answer is a failure. */
        boolean taken() {
            return status >= 200 && status < 300 && !late;
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();

    LoopbackSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            int status = statusFor(path);
            Duration delay = delays.get(path);
            received.add(new Received(path, headers, new String(body, StandardCharsets.UTF_8), status,
                    delay != null));
            pause(delay);
            try {
                exchange.sendResponseHeaders(status, -1);
            } catch (IOException callerLeft) {
                // a deliverer that timed out closed its connection: the request is recorded, the answer goes nowhere
            }
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** What arrived at {@code path}, in order. */
    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** {@code path} answers 500 to its next {@code requests} requests, then 200 again. */
    void failFirst(String path, int requests) {
        failuresLeft.put(path, new AtomicInteger(requests));
    }

    /** {@code path} answers 500 to every request until {@link #recover}. */
    void failUntilRecovered(String path) {
        failFirst(path, Integer.MAX_VALUE);
    }

    /** {@code path} answers 200 again, and at once. */
    void recover(String path) {
        failuresLeft.remove(path);
        delays.remove(path);
    }

    /** {@code path} answers only after {@code delay}. */
    void delay(String path, Duration delay) {
        delays.put(path, delay);
    }

    private int statusFor(String path) {
        AtomicInteger left = failuresLeft.get(path);
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? FAILURE_STATUS : 200;
    }

    private static void pause(Duration delay) {
        if (delay == null) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hex HMAC-SHA256 of {@code body}: what a signed webhook's {@code X-Tenancy-Signature} carries after "sha256=". */
    static String hmacSha256(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
