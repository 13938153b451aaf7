package io.tenancycore.commons.events;

import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A consumer of CloudEvents from Kafka topics.
 *
 * @param name identifies the subscription inside the service (part of the consumer group id); unique per service
 * @param mode {@link Mode#BROADCAST} or {@link Mode#WORK}
 * @param topics the topics to read
 * @param handler must be idempotent: a record is delivered again when the handler fails or the replica dies before
 *        the offset was committed
 */
public record Subscription(String name, Mode mode, List<String> topics, Function<CloudEvent, Uni<Void>> handler) {

    public enum Mode {
        /**
         * Every replica receives every record, from the moment it subscribed on (group
         * {@code <app>-<instance-id>.<name>}, offset reset {@code latest}): cache invalidation, hot reload.
         */
        BROADCAST,
        /**
         * Each record is handled once per service; replicas share partitions (group {@code <app>.<name>}, offset
         * reset {@code earliest}).
         */
        WORK
    }

    public Subscription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(handler, "handler");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("subscription name must be usable in a group id: " + name);
        }
        if (topics == null || topics.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one topic");
        }
        topics = List.copyOf(topics);
    }

    public static Subscription broadcast(String name, Function<CloudEvent, Uni<Void>> handler, String... topics) {
        return new Subscription(name, Mode.BROADCAST, List.of(topics), handler);
    }

    public static Subscription work(String name, Function<CloudEvent, Uni<Void>> handler, String... topics) {
        return new Subscription(name, Mode.WORK, List.of(topics), handler);
    }

    String groupId(String applicationName, String instanceId) {
        return switch (mode) {
            case BROADCAST -> applicationName + "-" + instanceId + "." + name;
            case WORK -> applicationName + "." + name;
        };
    }

    String autoOffsetReset() {
        return mode == Mode.BROADCAST ? "latest" : "earliest";
    }
}
