package io.tenancycore.commons.configclient;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Subscribes the config client at startup when {@code tenancy.config-client.subscribe-at-startup} is set. The
 * client is looked up, not injected, so that an application which never uses it does not keep the bean (and
 * does not need Redis for it).
 */
@ApplicationScoped
public class ConfigClientStartup {

    private static final Logger LOG = Logger.getLogger(ConfigClientStartup.class);

    void start(@Observes StartupEvent start, ConfigClientConfig config) {
        if (!config.subscribeAtStartup()) {
            return;
        }
        InstanceHandle<TenantConfigClient> client = Arc.container().instance(TenantConfigClient.class);
        if (client.isAvailable()) {
            client.get().ensureSubscribed();
        } else {
            LOG.warn("tenancy.config-client.subscribe-at-startup is set but nothing in this application uses "
                    + "TenantConfigClient");
        }
    }
}
