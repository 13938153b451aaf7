package io.tenancycore.admincli.connect;

import io.tenancycore.admincli.shell.CliFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One blocking connection to Redis for a command line: corectl runs one step after the other, and a single connection
 * is what MULTI/EXEC needs. Built on the Vert.x Redis client the services use; binary-safe (keys and DUMP payloads
 * travel as bytes).
 */
public final class RedisSession implements AutoCloseable {

    private final Redis client;
    private final RedisConnection connection;
    private final Duration timeout;
    private final String safeUrl;

    private RedisSession(Redis client, RedisConnection connection, Duration timeout, String safeUrl) {
        this.client = client;
        this.connection = connection;
        this.timeout = timeout;
        this.safeUrl = safeUrl;
    }

    public static RedisSession open(Vertx vertx, String url, Duration timeout) {
        RedisOptions options = new RedisOptions().setConnectionString(url).setMaxWaitingHandlers(4096);
        options.getNetClientOptions().setConnectTimeout((int) timeout.toMillis());
        Redis client = Redis.createClient(vertx, options);
        String safeUrl = redact(url);
        try {
            RedisConnection connection = await(client.connect(), timeout, safeUrl);
            return new RedisSession(client, connection, timeout, safeUrl);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The URL without user info, for messages: a password must never reach a terminal or a log. */
    public static String redact(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getUserInfo() == null) {
                return url;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (Exception e) {
            return "(unparseable Redis URL)";
        }
    }

    public String url() {
        return safeUrl;
    }

    public static Request request(Command command, Object... args) {
        Request request = Request.cmd(command);
        for (Object arg : args) {
            if (arg instanceof byte[] bytes) {
                request.arg(Buffer.buffer(bytes));
            } else if (arg instanceof Long number) {
                request.arg(number);
            } else if (arg instanceof Integer number) {
                request.arg(number.longValue());
            } else {
                request.arg(String.valueOf(arg));
            }
        }
        return request;
    }

    /** Sends one command; a nil reply is {@code null}. */
    public Response send(Command command, Object... args) {
        return await(connection.send(request(command, args)), timeout, safeUrl);
    }

    /** Sends the requests pipelined on this connection (not atomic); replies in order, nil replies as {@code null}. */
    public List<Response> pipeline(List<Request> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        return new ArrayList<>(await(connection.batch(requests), timeout.multipliedBy(10), safeUrl));
    }

    /**
     * Runs the requests in one MULTI/EXEC: Redis applies all of them or, if the connection breaks before EXEC, none.
     * Returns the replies of the queued commands.
     */
    public List<Response> transaction(List<Request> requests) {
        List<Request> all = new ArrayList<>(requests.size() + 2);
        all.add(Request.cmd(Command.MULTI));
        all.addAll(requests);
        all.add(Request.cmd(Command.EXEC));
        List<Response> replies = await(connection.batch(all), timeout.multipliedBy(10), safeUrl);
        Response exec = replies.get(replies.size() - 1);
        if (exec == null) {
            throw new CliFailure("Redis aborted a transaction at " + safeUrl);
        }
        List<Response> results = new ArrayList<>(exec.size());
        for (Response reply : exec) {
            results.add(reply);
        }
        return results;
    }

    /** One SCAN step: the next cursor ("0" when done) and the keys of this page. */
    public ScanPage scan(String cursor, String match, int count) {
        Response reply = match == null
                ? send(Command.SCAN, cursor, "COUNT", count)
                : send(Command.SCAN, cursor, "MATCH", match, "COUNT", count);
        List<byte[]> keys = new ArrayList<>();
        for (Response key : reply.get(1)) {
            keys.add(key.toBytes());
        }
        return new ScanPage(reply.get(0).toString(), keys);
    }

    public record ScanPage(String cursor, List<byte[]> keys) {
        public boolean last() {
            return "0".equals(cursor);
        }
    }

    private static <T> T await(Future<T> future, Duration timeout, String safeUrl) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CliFailure("Redis at " + safeUrl + " did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new CliFailure("Redis at " + safeUrl + ": " + firstLine(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while waiting for Redis at " + safeUrl);
        }
    }

    private static String firstLine(Throwable cause) {
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message);
    }

    @Override
    public void close() {
        connection.close();
        client.close();
    }
}
