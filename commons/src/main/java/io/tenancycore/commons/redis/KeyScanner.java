package io.tenancycore.commons.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every key matching a pattern, in standalone and in cluster mode. A SCAN cursor belongs to the node that gave it and
 * a node sees only its own keys, but the Quarkus client sends a keyless command such as SCAN to any one node of a
 * cluster: a plain {@code redis.key().scan()} would list a third of the keys of a 3-master cluster (or mix the
 * cursors of different nodes). In cluster mode this scans each master ({@code CLUSTER NODES}) to its end over its
 * own short-lived connection, with the scheme and credentials of the configured hosts. For periodic listings
 * (usage gauges), never for a request path. Those connections live on a small Vert.x of their own, without the
 * application's metrics: they are not the service's Redis pool and must not show up as pool series on /q/metrics.
 */
@ApplicationScoped
public class KeyScanner {

    private static final int PAGE = 1000;

    private final ReactiveRedisDataSource redis;
    private final boolean cluster;
    /** Created on the first cluster scan, closed with the bean. */
    private volatile Vertx scanVertx;
    private final Optional<Set<URI>> hosts;
    private final Optional<String> password;

    public KeyScanner(ReactiveRedisDataSource redis,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType,
            @ConfigProperty(name = "quarkus.redis.hosts") Optional<Set<URI>> hosts,
            @ConfigProperty(name = "quarkus.redis.password") Optional<String> password) {
        this.redis = redis;
        this.cluster = RedisClientType.CLUSTER.name().equalsIgnoreCase(clientType.trim());
        this.hosts = hosts;
        this.password = password;
    }

    /** The keys matching {@code pattern} (a key may come twice, as SCAN promises no more). */
    public Multi<String> scan(String pattern) {
        if (!cluster) {
            return redis.key(String.class).scan(new io.quarkus.redis.datasource.keys.KeyScanArgs().match(pattern)
                    .count(PAGE)).toMulti();
        }
        return redis.execute("CLUSTER", "NODES").onItem().transformToMulti(nodes -> Multi.createFrom()
                .iterable(masters(nodes.toString())))
                .onItem().transformToMultiAndConcatenate(master -> scanNode(master, pattern));
    }

    /** The masters' URLs from a CLUSTER NODES reply ({@code id ip:port@bus[,host] flags master-id ...}). */
    List<String> masters(String clusterNodes) {
        URI template = hosts.flatMap(set -> set.stream().findFirst()).orElse(URI.create("redis://localhost:6379"));
        List<String> masters = new ArrayList<>();
        for (String line : clusterNodes.split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 8) {
                continue;
            }
            List<String> flags = Arrays.asList(fields[2].split(","));
            if (!flags.contains("master") || flags.contains("fail")) {
                continue;
            }
            String address = fields[1].split("[@,]")[0];
            int colon = address.lastIndexOf(':');
            try {
                masters.add(new URI(template.getScheme(), template.getUserInfo(), address.substring(0, colon),
                        Integer.parseInt(address.substring(colon + 1)), null, null, null).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("unreadable cluster node address " + address, e);
            }
        }
        return masters;
    }

    private Multi<String> scanNode(String nodeUrl, String pattern) {
        RedisOptions options = new RedisOptions().setConnectionString(nodeUrl);
        password.ifPresent(options::setPassword);
        return Multi.createFrom().resource(() -> Redis.createClient(scanVertx(), options),
                client -> pages(RedisAPI.api(client), pattern))
                .withFinalizer(client -> {
                    client.close();
                    return Uni.createFrom().voidItem();
                });
    }

    private synchronized Vertx scanVertx() {
        if (scanVertx == null) {
            scanVertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                    .setMetricsOptions(new io.vertx.core.metrics.MetricsOptions().setEnabled(false)));
        }
        return scanVertx;
    }

    @jakarta.annotation.PreDestroy
    void close() {
        if (scanVertx != null) {
            scanVertx.closeAndAwait();
        }
    }

    private static Multi<String> pages(RedisAPI node, String pattern) {
        return Multi.createBy().repeating()
                .uni(() -> new String[] {"0"}, cursor -> node.scan(List.of(cursor[0], "MATCH", pattern, "COUNT",
                        Integer.toString(PAGE))).invoke(page -> cursor[0] = page.get(0).toString()))
                .whilst(page -> !"0".equals(page.get(0).toString()))
                .onItem().transformToIterable(KeyScanner::keys);
    }

    private static List<String> keys(Response page) {
        List<String> keys = new ArrayList<>(page.get(1).size());
        for (Response key : page.get(1)) {
            keys.add(key.toString());
        }
        return keys;
    }
}
