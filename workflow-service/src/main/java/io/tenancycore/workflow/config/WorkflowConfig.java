package io.tenancycore.workflow.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code tenancy.workflow.*}: the limits of definitions, the HTTP allow-list and the durable runner's timings. */
@ConfigMapping(prefix = "tenancy.workflow")
public interface WorkflowConfig {

    Definitions definitions();

    Http http();

    Runner runner();

    Events events();

    interface Definitions {
        @WithDefault("262144")
        int maxDocumentBytes();

        @WithDefault("64")
        int maxDepth();

        @WithDefault("100")
        int maxPerTenant();

        @WithDefault("10")
        int versionsKept();

        /** Definition versions each replica keeps in memory for starting instances (checked against Redis). */
        @WithDefault("1000")
        int cacheSize();

        /**
         * Definition versions each replica keeps built by the workflow runtime (a build is far larger than the stored
         * JSON); beyond it the runtime's application is renewed (see {@code engine.BuiltDefinitions}).
         */
        @WithDefault("256")
        int runtimeCacheSize();

        /**
         * Deleted names per tenant whose last version is remembered, so a name created again goes on numbering after
         * it (beyond it, a tenant-wide floor does; see {@code DefinitionStore}).
         */
        @WithDefault("1000")
        int retiredNamesKept();
    }

    interface Http {
        /** Where a tenant's own definitions may call (the built-in templates call only our services). */
        External external();

        /**
         * Host names of this platform's services: a tenant's workflow may never call them, whatever the allow-list
         * says (the configured service URLs' hosts are added to these).
         */
        @WithDefault("config-service,security-service,alert-service,template-service,workflow-service,event-gateway,"
                + "localhost")
        List<String> internalHosts();

        @WithDefault("2s")
        Duration connectTimeout();

        @WithDefault("10s")
        Duration readTimeout();
    }

    interface External {
        /** Host names (or {@code *.domain}) tenants' workflows may call; none by default. */
        Optional<List<String>> allowedHosts();

        /** Private IP addresses an operator trusts as call targets (an on-premises partner); none by default. */
        Optional<List<String>> exemptAddresses();
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

    interface Events {
        /**
         * How often a waiting {@code listen} reads the tenant's event log in Redis for what it may have missed while
         * its instance was not running (a crash, a move to another replica); live events arrive at once anyway.
         */
        @WithDefault("5s")
        Duration replayInterval();
    }
}
