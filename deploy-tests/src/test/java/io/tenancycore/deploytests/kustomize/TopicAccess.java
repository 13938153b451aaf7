package io.tenancycore.deploytests.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenancycore.deploytests.chart.ChartRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** DESIGN.md's topic table as the test resource kafka-topic-access.yaml encodes it: who writes and reads each topic. */
public record TopicAccess(List<String> services, Map<String, Topic> topics) {

    /** One row; {@code design} is false for the dead-letter topics the table does not list. */
    public record Topic(String name, Set<String> writers, Set<String> readers, boolean design) {
    }

    public static TopicAccess load() {
        try (InputStream in = TopicAccess.class.getResourceAsStream("/kafka-topic-access.yaml")) {
            JsonNode root = ChartRenderer.YAML.readTree(in);
            List<String> services = new ArrayList<>();
            root.path("services").forEach(s -> services.add(s.asText()));
            Map<String, Topic> topics = new LinkedHashMap<>();
            root.path("topics").properties().forEach(e -> topics.put(e.getKey(), new Topic(e.getKey(),
                    expand(e.getValue().path("writers"), services), expand(e.getValue().path("readers"), services),
                    e.getValue().path("design").asBoolean(true))));
            return new TopicAccess(List.copyOf(services), topics);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> expand(JsonNode names, List<String> services) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode name : names) {
            if ("all".equals(name.asText())) {
                out.addAll(services);
            } else if (services.contains(name.asText())) {
                out.add(name.asText());
            } else {
                throw new IllegalStateException("kafka-topic-access.yaml names an unknown service " + name);
            }
        }
        return out;
    }

    /**
     * The grants a service's KafkaUser must hold, no more: Describe with Read or Write on its topics, and Read on its
     * two consumer-group prefixes ("<service>." for work groups, "<service>-" for per-replica groups) if it reads.
     */
    public Set<KafkaAcls.Grant> expectedGrants(String service) {
        Set<KafkaAcls.Grant> grants = new LinkedHashSet<>();
        boolean reads = false;
        for (Topic topic : topics.values()) {
            boolean read = topic.readers().contains(service);
            boolean write = topic.writers().contains(service);
            if (read || write) {
                grants.add(KafkaAcls.Grant.literalTopic(topic.name(), "Describe"));
            }
            if (read) {
                grants.add(KafkaAcls.Grant.literalTopic(topic.name(), "Read"));
                reads = true;
            }
            if (write) {
                grants.add(KafkaAcls.Grant.literalTopic(topic.name(), "Write"));
            }
        }
        if (reads) {
            grants.add(new KafkaAcls.Grant("group", service + ".", "prefix", "Read"));
            grants.add(new KafkaAcls.Grant("group", service + "-", "prefix", "Read"));
        }
        return grants;
    }
}
