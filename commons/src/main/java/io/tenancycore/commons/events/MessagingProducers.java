package io.tenancycore.commons.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** CDI wiring of the messaging classes, which are plain classes so tests can build several of them. */
@ApplicationScoped
public class MessagingProducers {

    private static final Logger LOG = Logger.getLogger(MessagingProducers.class);

    @Produces
    @Singleton
    InstanceId instanceId(@ConfigProperty(name = "tenancy.instance-id") Optional<String> configured) {
        InstanceId id = InstanceId.resolve(configured);
        LOG.infof("instance id %s", id);
        return id;
    }

    @Produces
    @Singleton
    KafkaClientFactory kafkaClientFactory(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        return new KafkaClientFactory(kafkaConfig);
    }

    @Produces
    @Singleton
    CloudEventPublisher publisher(KafkaClientFactory clients, ObjectMapper mapper, MeterRegistry registry,
            MessagingConfig config, @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        return CloudEventPublisher.create(clients, applicationName, mapper, registry, config.publishMaxBlock());
    }

    void closePublisher(@Disposes CloudEventPublisher publisher) {
        publisher.close();
    }

    @Produces
    @Singleton
    EventSubscriptions subscriptions(KafkaClientFactory clients, InstanceId instanceId, MeterRegistry registry,
            MessagingConfig config, @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        return new EventSubscriptions(clients, applicationName, instanceId.value(), config.consumerSettings(),
                registry);
    }

    void closeSubscriptions(@Disposes EventSubscriptions subscriptions) {
        subscriptions.close();
    }

    /** Subscriptions stop before the beans their handlers use (publisher, Redis) are destroyed. */
    void stopSubscriptions(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent shutdown,
            Instance<EventSubscriptions> subscriptions) {
        if (subscriptions.isResolvable()) {
            subscriptions.get().close();
        }
    }

    /** Runs before application startup observers so their subscriptions find the topics. */
    void provisionTopics(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup,
            MessagingConfig config, KafkaClientFactory clients) {
        if (!config.provisionTopics()) {
            return;
        }
        try (Admin admin = clients.admin("topic-provisioner", config.healthTimeout())) {
            new TopicProvisioner(admin, config.healthTimeout().multipliedBy(3))
                    .ensurePlatformTopics(config.topicPartitions(), config.topicReplicationFactor());
        } catch (RuntimeException e) {
            LOG.warnf("could not provision the platform topics: %s", e.getMessage());
        }
    }
}
