package io.tenancycore.commons.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Topic provisioning ({@code tenancy.messaging.*}). Channels, groups and failure strategies are connector
 * configuration ({@code mp.messaging.*}): commons' META-INF/microprofile-config.properties for the channels every
 * service has, each service's application.yaml for its own.
 */
@ConfigMapping(prefix = "tenancy.messaging")
public interface MessagingConfig {

    /**
     * Create the platform topics that do not exist yet at startup, before the first publish (which would otherwise
     * wait for the topic's metadata). Clusters whose topics are managed elsewhere (Strimzi) turn this off.
     */
    /**
     * The connector of every channel ({@code mp.messaging.*.connector=${tenancy.messaging.connector}}): the Kafka
     * connector; unit tests switch it to {@code smallrye-in-memory}.
     */
    @WithDefault("smallrye-kafka")
    String connector();

    @WithDefault("true")
    boolean provisionTopics();

    @WithDefault("3")
    int topicPartitions();

    @WithDefault("1")
    short topicReplicationFactor();

    /** How long provisioning waits for the cluster before the service starts without it. */
    @WithDefault("10s")
    Duration provisioningTimeout();
}
