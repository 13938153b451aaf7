package io.tenancycore.deploytests.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenancycore.deploytests.RepoPaths;
import io.tenancycore.deploytests.chart.ChartRenderer;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The Kafka channels the services really configure (SmallRye Reactive Messaging, default profile): each service's
 * application.yaml and the consumers commons gives every service (META-INF/microprofile-config.properties), with
 * their topics, consumer group ids and dead-letter topics. commons' shared producer is left out: its configured topic
 * is a placeholder, EventPublisher names the topic of every record.
 */
public final class ServiceChannels {

    /** A replica id standing in for {@code ${tenancy.instance-id}} (the pod name in Kubernetes). */
    static final String REPLICA = "replica-0";

    /** One channel of one service; {@code groupId} and {@code deadLetterTopic} are null where not set. */
    public record Channel(String service, String name, boolean incoming, List<String> topics, String groupId,
            String deadLetterTopic) {
    }

    private ServiceChannels() {
    }

    public static List<Channel> of(String service) {
        List<Channel> channels = new ArrayList<>();
        JsonNode messaging = serviceConfig(service).path("mp").path("messaging");
        for (String direction : List.of("incoming", "outgoing")) {
            messaging.path(direction).properties().forEach(e -> {
                JsonNode channel = e.getValue();
                String topics = text(channel, "topic", "topics");
                channels.add(new Channel(service, e.getKey(), "incoming".equals(direction),
                        topics == null ? List.of(e.getKey()) : split(topics), resolve(nested(channel, "group", "id"),
                                service), nested(channel, "dead-letter-queue", "topic")));
            });
        }
        Properties commons = commonsConfig();
        for (String channel : new TreeSet<>(commons.stringPropertyNames())) {
            String prefix = "mp.messaging.incoming.";
            if (channel.startsWith(prefix) && channel.endsWith(".topic")) {
                String name = channel.substring(prefix.length(), channel.length() - ".topic".length());
                channels.add(new Channel(service, name, true, split(commons.getProperty(channel)),
                        resolve(commons.getProperty(prefix + name + ".group.id"), service),
                        commons.getProperty(prefix + name + ".dead-letter-queue.topic")));
            }
        }
        return channels;
    }

    static String resolve(String value, String service) {
        if (value == null) {
            return null;
        }
        String resolved = value.replace("${quarkus.application.name}", service)
                .replace("${tenancy.instance-id}", REPLICA);
        if (resolved.contains("${")) {
            throw new IllegalStateException("cannot resolve " + value + " of " + service);
        }
        return resolved;
    }

    private static JsonNode serviceConfig(String service) {
        Path file = RepoPaths.root().resolve(service).resolve("src/main/resources/application.yaml");
        try {
            JsonNode config = ChartRenderer.YAML.readTree(file.toFile());
            String name = config.path("quarkus").path("application").path("name").asText();
            if (!service.equals(name)) {
                throw new IllegalStateException(file + " names the application " + name + ", not " + service);
            }
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties commonsConfig() {
        Path file = RepoPaths.root().resolve("commons/src/main/resources/META-INF/microprofile-config.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String text(JsonNode node, String... fields) {
        for (String field : fields) {
            if (node.hasNonNull(field)) {
                return node.get(field).asText();
            }
        }
        return null;
    }

    /** {@code group: {id: x}} as the YAML nests it, or the flat key {@code group.id}. */
    private static String nested(JsonNode node, String parent, String child) {
        JsonNode nested = node.path(parent).path(child);
        if (nested.isValueNode()) {
            return nested.asText();
        }
        return text(node, parent + "." + child);
    }

    private static List<String> split(String topics) {
        return Arrays.stream(topics.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }
}
