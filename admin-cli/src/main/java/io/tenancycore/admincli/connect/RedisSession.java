package io.tenancycore.admincli.connect;

import io.tenancycore.admincli.shell.CliFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisClusterTransactions;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One blocking connection to Redis for a command line: corectl runs one step after the other, and a single connection
 * is what MULTI/EXEC needs. Built on the Vert.x Redis client the services use; binary-safe (keys and DUMP payloads
 * travel as bytes).
 *
 * <p>The URL may list several nodes ({@code redis://h:7001,redis://h:7002}). When the first one says it is part of a
 * Redis Cluster ({@code INFO cluster}), the session becomes a cluster session: commands are routed by key,
 * {@link #pipeline} sends each command to its node, {@link #transaction(List, List)} runs one MULTI/EXEC per hash slot
 * (a cluster refuses a transaction across slots), and {@link #masters()} opens one session per master, since a SCAN
 * sees only the keys of the node that answers it.
 */
public final class RedisSession implements AutoCloseable {

    private final Vertx vertx;
    private final Redis client;
    private final RedisConnection connection;
    private final Duration timeout;
    private final String safeUrl;
    private final String url;
    private final boolean cluster;
    /** A session to one node of a cluster (from {@link #masters()}): direct commands, but per-slot transactions. */
    private final boolean node;

    private RedisSession(Vertx vertx, Redis client, RedisConnection connection, Duration timeout, String url, boolean cluster,
            boolean node) {
        this.vertx = vertx;
        this.client = client;
        this.connection = connection;
        this.timeout = timeout;
        this.url = url;
        this.safeUrl = redact(url);
        this.cluster = cluster;
        this.node = node;
    }

    public static RedisSession open(Vertx vertx, String url, Duration timeout) {
        List<String> endpoints = endpoints(url);
        RedisSession first = connect(vertx, url, new RedisOptions().setConnectionString(endpoints.get(0)), timeout,
                false, false);
        if (!first.clusterEnabled()) {
            return first;
        }
        first.close();
        RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER)
                .setClusterTransactions(RedisClusterTransactions.SINGLE_NODE);
        endpoints.forEach(options::addConnectionString);
        return connect(vertx, url, options, timeout, true, false);
    }

    private static RedisSession connect(Vertx vertx, String url, RedisOptions options, Duration timeout,
            boolean cluster, boolean node) {
        options.setMaxWaitingHandlers(4096);
        options.getNetClientOptions().setConnectTimeout((int) timeout.toMillis());
        Redis client = Redis.createClient(vertx, options);
        try {
            RedisConnection connection = await(client.connect(), timeout, redact(url));
            return new RedisSession(vertx, client, connection, timeout, url, cluster, node);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    static List<String> endpoints(String url) {
        List<String> endpoints = Arrays.stream(url.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
        if (endpoints.isEmpty()) {
            throw new CliFailure("no Redis URL given");
        }
        return endpoints;
    }

    private boolean clusterEnabled() {
        Response info = send(Command.INFO, "cluster");
        return info != null && info.toString().lines().anyMatch(line -> line.trim().equals("cluster_enabled:1"));
    }

    /** Whether this is a Redis Cluster (then only database 0 exists and multi-key steps are per slot). */
    public boolean cluster() {
        return cluster;
    }

    /**
     * One session per master of the cluster (each sees only its own keys; close them after use), or this session
     * itself, unclosed by the caller's loop, when Redis is a single server.
     */
    public List<RedisSession> masters() {
        if (!cluster || node) {
            return List.of(this);
        }
        Response nodes = send(Command.CLUSTER, "NODES");
        URI template = URI.create(endpoints(url).get(0));
        List<RedisSession> masters = new ArrayList<>();
        try {
            for (String line : nodes.toString().split("\n")) {
                String[] fields = line.trim().split(" ");
                if (fields.length < 8 || !Arrays.asList(fields[2].split(",")).contains("master")
                        || fields[2].contains("fail")) {
                    continue;
                }
                // ip:port@cport[,hostname]
                String address = fields[1].split("@")[0];
                int colon = address.lastIndexOf(':');
                String nodeUrl = new URI(template.getScheme(), template.getUserInfo(), address.substring(0, colon),
                        Integer.parseInt(address.substring(colon + 1)), null, null, null).toString();
                masters.add(connect(vertx, nodeUrl,
                        new RedisOptions().setConnectionString(nodeUrl), timeout, true, true));
            }
        } catch (java.net.URISyntaxException e) {
            masters.forEach(RedisSession::close);
            throw new CliFailure("cannot read the cluster's nodes from " + safeUrl + ": " + e.getMessage());
        } catch (RuntimeException e) {
            masters.forEach(RedisSession::close);
            throw e;
        }
        if (masters.isEmpty()) {
            throw new CliFailure("the Redis Cluster at " + safeUrl + " lists no reachable master");
        }
        // a stable order: a migration's saved position names a master by its index
        masters.sort(java.util.Comparator.comparing(master -> master.url));
        return masters;
    }

    /**
     * The URL without user info, for messages: a password must never reach a terminal or a log. A cluster's list of
     * node URLs is redacted node by node.
     */
    public static String redact(String url) {
        if (url.contains(",")) {
            return String.join(",", Arrays.stream(url.split(",")).map(String::trim).map(RedisSession::redact)
                    .toList());
        }
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

    /**
     * Sends the requests pipelined (not atomic); replies in order, nil replies as {@code null}. In a cluster each
     * request goes to the node of its key, all of them in flight at once.
     */
    public List<Response> pipeline(List<Request> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        if (cluster && !node) {
            List<Future<Response>> replies = requests.stream().map(connection::send).toList();
            await(Future.all(replies), timeout.multipliedBy(10), safeUrl);
            return replies.stream().map(Future::result).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        }
        return new ArrayList<>(await(connection.batch(requests), timeout.multipliedBy(10), safeUrl));
    }

    /**
     * Runs the requests atomically: in one MULTI/EXEC on a single server; in a cluster in one MULTI/EXEC per hash slot
     * (the slot of {@code slotKeys.get(i)} for request i; all of a tenant's keys share one), because a cluster refuses
     * a transaction whose keys span slots. Returns the replies in the order of the requests.
     */
    public List<Response> transaction(List<byte[]> slotKeys, List<Request> requests) {
        if (!cluster) {
            return transaction(requests);
        }
        Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            bySlot.computeIfAbsent(HashSlot.of(slotKeys.get(i)), slot -> new ArrayList<>()).add(i);
        }
        List<Integer> order = new ArrayList<>(requests.size());
        List<Future<List<Response>>> groups = new ArrayList<>(bySlot.size());
        for (List<Integer> indexes : bySlot.values()) {
            order.addAll(indexes);
            groups.add(connection.batch(framed(indexes.stream().map(requests::get).toList())));
        }
        await(Future.all(groups), timeout.multipliedBy(10), safeUrl);
        Response[] results = new Response[requests.size()];
        int next = 0;
        for (Future<List<Response>> group : groups) {
            for (Response reply : execReplies(group.result())) {
                results[order.get(next++)] = reply;
            }
        }
        return new ArrayList<>(Arrays.asList(results));
    }

    /**
     * Runs the requests in one MULTI/EXEC: Redis applies all of them or, if the connection breaks before EXEC, none.
     * Returns the replies of the queued commands.
     */
    public List<Response> transaction(List<Request> requests) {
        return execReplies(await(connection.batch(framed(requests)), timeout.multipliedBy(10), safeUrl));
    }

    private static List<Request> framed(List<Request> requests) {
        List<Request> all = new ArrayList<>(requests.size() + 2);
        all.add(Request.cmd(Command.MULTI));
        all.addAll(requests);
        all.add(Request.cmd(Command.EXEC));
        return all;
    }

    private List<Response> execReplies(List<Response> replies) {
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

    /**
     * One SCAN step: the next cursor ("0" when done) and the keys of this page. On a cluster session only per master
     * ({@link #masters()}): a cursor is meaningful only to the node that gave it.
     */
    public ScanPage scan(String cursor, String match, int count) {
        if (cluster && !node) {
            throw new IllegalStateException("SCAN on a cluster session: scan each of masters()");
        }
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
