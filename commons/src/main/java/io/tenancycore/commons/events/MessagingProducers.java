package io.tenancycore.commons.events;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** The replica's identity and the platform topics, both ready before the first event goes out. */
@ApplicationScoped
public class MessagingProducers {

    private static final Logger LOG = Logger.getLogger(MessagingProducers.class);

    /** {@code tenancy.instance-id}: commons defaults it to {@code HOSTNAME} (the pod), else a random UUID. */
    @Produces
    @Singleton
    InstanceId instanceId(@ConfigProperty(name = "tenancy.instance-id") String configured) {
        InstanceId id = new InstanceId(configured);
        LOG.infof("instance id %s", id);
        return id;
    }

    /**
     * Creates the missing platform topics (DESIGN.md's table) before anything publishes, so the first publish finds
     * its topic's metadata at once. A cluster that does not answer is logged; the connector's health check reports
     * it.
     */
    void provisionTopics(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup,
            MessagingConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        if (!config.provisionTopics()) {
            return;
        }
        Map<String, Object> admin = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                admin.put(key, value);
            }
        });
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "topic-provisioner");
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.provisioningTimeout().toMillis());
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.provisioningTimeout().toMillis());
        try (Admin client = Admin.create(admin)) {
            new TopicProvisioner(client, config.provisioningTimeout())
                    .ensurePlatformTopics(config.topicPartitions(), config.topicReplicationFactor());
        } catch (RuntimeException e) {
            LOG.warnf("could not provision the platform topics: %s", e.getMessage());
        }
    }
}
