package io.tenancycore.workflow.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** {@code tenancy.workflow.*}: the limits of definitions, the HTTP allow-list and the durable runner's timings. */
@ConfigMapping(prefix = "tenancy.workflow")
public interface WorkflowConfig {

    Definitions definitions();

    Http http();

    Runner runner();

    interface Definitions {
        @WithDefault("262144")
        int maxDocumentBytes();

        @WithDefault("64")
        int maxDepth();

        @WithDefault("100")
        int maxPerTenant();

        @WithDefault("10")
        int versionsKept();
    }

    interface Http {
        @WithDefault("config-service,security-service,alert-service,template-service,localhost")
        List<String> allowedHosts();

        @WithDefault("2s")
        Duration connectTimeout();

        @WithDefault("10s")
        Duration readTimeout();
    }

    interface Runner {
        @WithDefault("15s")
        Duration leaseTtl();

        @WithDefault("5s")
        Duration heartbeat();

        @WithDefault("5s")
        Duration scanInterval();

        @WithDefault("500")
        int maxTaskRecords();

        /** Instances of one tenant not yet final; a start beyond is 429. */
        @WithDefault("100")
        int maxActivePerTenant();
    }
}
