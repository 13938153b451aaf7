package io.tenancycore.commons.events;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health/ready} is DOWN while the Kafka cluster does not answer {@code describeCluster}. */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements AsyncHealthCheck {

    private static final String NAME = "kafka";

    @Inject
    KafkaClientFactory clients;

    @Inject
    MessagingConfig config;

    private volatile Admin admin;

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!config.healthEnabled()) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).up().withData("check", "disabled").build());
        }
        Uni<String> clusterId;
        try {
            clusterId = Uni.createFrom().emitter(emitter -> admin().describeCluster().clusterId()
                    .whenComplete((id, failure) -> {
                        if (failure == null) {
                            emitter.complete(id);
                        } else {
                            emitter.fail(failure);
                        }
                    }));
        } catch (RuntimeException e) {
            return Uni.createFrom().item(down(e));
        }
        return clusterId
                .ifNoItem().after(config.healthTimeout()).fail()
                .map(id -> HealthCheckResponse.named(NAME).up()
                        .withData("bootstrap.servers", clients.bootstrapServers())
                        .withData("cluster.id", id)
                        .build())
                .onFailure().recoverWithItem(this::down);
    }

    private HealthCheckResponse down(Throwable failure) {
        return HealthCheckResponse.named(NAME).down()
                .withData("bootstrap.servers", clients.bootstrapServers())
                .withData("error", failure.getClass().getSimpleName())
                .build();
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = clients.admin("readiness-check", config.healthTimeout());
                }
                current = admin;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(config.healthTimeout());
        }
    }
}
