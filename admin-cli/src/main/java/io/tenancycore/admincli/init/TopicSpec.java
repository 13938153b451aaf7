package io.tenancycore.admincli.init;

import java.util.Map;

/** A topic as declared: name, partitions, replication factor and the topic-level configs (retention.ms, …). */
public record TopicSpec(String name, int partitions, short replicas, Map<String, String> configs) {
}
