package io.tenancycore.admincli.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The real Redis and Kafka the *IT tests use: {@code -Dredis.url} (database 9, as `./suite infra` prints) and
 * {@code -Dkafka.bootstrap.servers}.
 */
public final class Infra {

    private Infra() {
    }

    public static String redisUrl() {
        return System.getProperty("redis.url", "redis://127.0.0.1:6379/9");
    }

    public static String kafkaBootstrapServers() {
        return System.getProperty("kafka.bootstrap.servers", "127.0.0.1:9092");
    }

    /** A loopback port nothing listens on (bound, then released). */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
