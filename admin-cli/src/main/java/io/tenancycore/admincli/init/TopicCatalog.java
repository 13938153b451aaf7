package io.tenancycore.admincli.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DESIGN's topics with partitions, replicas and retention, read from the Strimzi {@code KafkaTopic}s of
 * {@code k8s/base/topics.yaml} (copied into the jar at build time: one list for Kubernetes and corectl). The dev
 * environment gets what {@code k8s/overlays/dev} patches in: one replica and min.insync.replicas 1.
 */
public final class TopicCatalog {

    static final String RESOURCE = "topics.yaml";
    private static final String MIN_ISR = "min.insync.replicas";

    private TopicCatalog() {
    }

    public static List<TopicSpec> forEnvironment(Environment environment) {
        List<TopicSpec> topics = new ArrayList<>();
        for (TopicSpec declared : declared()) {
            if (environment == Environment.dev) {
                Map<String, String> configs = new TreeMap<>(declared.configs());
                configs.computeIfPresent(MIN_ISR, (key, value) -> "1");
                topics.add(new TopicSpec(declared.name(), declared.partitions(), (short) 1, configs));
            } else {
                topics.add(declared);
            }
        }
        return topics;
    }

    static List<TopicSpec> declared() {
        List<TopicSpec> topics = new ArrayList<>();
        try (InputStream in = TopicCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the corectl jar");
            }
            MappingIterator<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class).readValues(in);
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || !"KafkaTopic".equals(document.path("kind").asText())) {
                    continue;
                }
                JsonNode spec = document.path("spec");
                Map<String, String> configs = new TreeMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("config").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> config = it.next();
                    configs.put(config.getKey(), config.getValue().asText());
                }
                topics.add(new TopicSpec(spec.path("topicName").asText(document.path("metadata").path("name").asText()),
                        spec.path("partitions").asInt(1), (short) spec.path("replicas").asInt(1), configs));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return topics;
    }
}
