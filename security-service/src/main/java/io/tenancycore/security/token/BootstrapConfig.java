package io.tenancycore.security.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Platform clients created at start-up; secrets come from the deployment, never from the repository. */
@ConfigMapping(prefix = "tenancy.bootstrap")
public interface BootstrapConfig {

    /** Secret of {@code platform-admin}; env {@code TENANCY_ADMIN_SECRET}. */
    @WithDefault("${TENANCY_ADMIN_SECRET:}")
    Optional<String> adminSecret();

    /** client id → secret of the other services ({@code tenancy.bootstrap.service-clients."config-service"}). */
    Map<String, String> serviceClients();

    /** Services that get a client when their secret is configured (also read from env, see {@link ServiceClientSecrets}). */
    @WithDefault("event-gateway,config-service,alert-service,template-service,workflow-service")
    List<String> serviceNames();

    /** Shortest secret accepted for a platform client. */
    @WithDefault("24")
    int minSecretLength();
}
