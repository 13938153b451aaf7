package io.tenancycore.commons.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Says at startup which core.yaml this replica runs with, or that none was found and defaults apply. */
@ApplicationScoped
public class CoreSettingsReport {

    private static final Logger LOG = Logger.getLogger(CoreSettingsReport.class);

    void report(@Observes StartupEvent startup,
            @ConfigProperty(name = CoreSettingsConfigSourceFactory.FOUND_FILE, defaultValue = "none") String file,
            @ConfigProperty(name = CoreSettingsConfigSourceFactory.FOUND_ENVIRONMENT, defaultValue = "?") String env,
            @ConfigProperty(name = CoreSettingsConfigSourceFactory.SEARCHED, defaultValue = "") String searched) {
        if ("none".equals(file)) {
            LOG.warnf("no core settings for environment '%s' (looked for %s; set %s or TENANCY_CONFIG_DIR): "
                    + "built-in defaults apply", env, searched, CoreSettingsConfigSourceFactory.CONFIG_DIR);
        } else {
            LOG.infof("core settings of environment '%s' loaded from %s", env, file);
        }
    }
}
