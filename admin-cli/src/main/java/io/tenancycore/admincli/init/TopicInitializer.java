package io.tenancycore.admincli.init;

import io.tenancycore.admincli.shell.CliFailure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes the cluster's topics what the catalog declares, idempotently: a missing topic is created; an existing one gets
 * the declared configs it lacks or differs on (retention …). Partitions and replicas of an existing topic are never
 * changed — adding partitions moves tenants' records to other partitions and breaks their order — only reported.
 */
final class TopicInitializer {

    enum Action { CREATED, UPDATED, UNCHANGED }

    record Outcome(String topic, Action action, List<String> notes) {
    }

    private final Admin admin;
    private final long timeoutMillis;

    TopicInitializer(Admin admin, long timeoutMillis) {
        this.admin = admin;
        this.timeoutMillis = timeoutMillis;
    }

    List<Outcome> apply(List<TopicSpec> topics) {
        checkBrokers(topics);
        Set<String> existing = await(admin.listTopics().names(), "list topics");
        List<TopicSpec> missing = topics.stream().filter(topic -> !existing.contains(topic.name())).toList();
        Map<String, KafkaFuture<Void>> creations = missing.isEmpty() ? Map.of()
                : admin.createTopics(missing.stream().map(TopicInitializer::newTopic).toList()).values();
        List<Outcome> outcomes = new ArrayList<>();
        for (TopicSpec topic : topics) {
            KafkaFuture<Void> creation = creations.get(topic.name());
            outcomes.add(creation == null ? reconcile(topic) : created(topic, creation));
        }
        return outcomes;
    }

    private void checkBrokers(List<TopicSpec> topics) {
        Collection<?> brokers = await(admin.describeCluster().nodes(), "describe the cluster");
        for (TopicSpec topic : topics) {
            if (topic.replicas() > brokers.size()) {
                throw new CliFailure("the cluster has " + brokers.size() + " broker(s) but " + topic.name() + " needs "
                        + topic.replicas() + " replicas; use --env dev on a single broker; nothing was created");
            }
        }
    }

    private static NewTopic newTopic(TopicSpec topic) {
        return new NewTopic(topic.name(), topic.partitions(), topic.replicas()).configs(topic.configs());
    }

    private Outcome created(TopicSpec topic, KafkaFuture<Void> creation) {
        try {
            await(creation, "create " + topic.name());
        } catch (CliFailure e) {
            // created meanwhile by someone else (a second init, a service's auto-creation): make it right instead
            if (e.getCause() instanceof TopicExistsException) {
                return reconcile(topic);
            }
            throw e;
        }
        return new Outcome(topic.name(), Action.CREATED,
                List.of(topic.partitions() + " partitions, " + topic.replicas() + " replicas, " + topic.configs()));
    }

    private Outcome reconcile(TopicSpec topic) {
        List<String> notes = new ArrayList<>();
        TopicDescription description = await(admin.describeTopics(List.of(topic.name())).allTopicNames(),
                "describe " + topic.name()).get(topic.name());
        int partitions = description.partitions().size();
        int replicas = description.partitions().get(0).replicas().size();
        if (partitions != topic.partitions()) {
            notes.add("has " + partitions + " partitions, " + topic.partitions() + " declared (not changed: "
                    + "repartitioning moves tenants' records; do it on purpose)");
        }
        if (replicas != topic.replicas()) {
            notes.add("has " + replicas + " replicas, " + topic.replicas() + " declared (not changed: reassign on purpose)");
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        Config current = await(admin.describeConfigs(List.of(resource)).all(), "describe " + topic.name())
                .get(resource);
        List<AlterConfigOp> changes = new ArrayList<>();
        for (Map.Entry<String, String> declared : topic.configs().entrySet()) {
            ConfigEntry entry = current.get(declared.getKey());
            if (entry == null || !declared.getValue().equals(entry.value())) {
                changes.add(new AlterConfigOp(new ConfigEntry(declared.getKey(), declared.getValue()),
                        AlterConfigOp.OpType.SET));
                notes.add(declared.getKey() + " " + (entry == null ? "unset" : entry.value()) + " -> "
                        + declared.getValue());
            }
        }
        if (changes.isEmpty()) {
            return new Outcome(topic.name(), Action.UNCHANGED, notes);
        }
        await(admin.incrementalAlterConfigs(Map.of(resource, changes)).all(), "alter " + topic.name());
        return new Outcome(topic.name(), Action.UPDATED, notes);
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CliFailure("Kafka did not " + what + " within " + timeoutMillis + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new CliFailure("Kafka could not " + what + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while waiting for Kafka to " + what);
        }
    }
}
