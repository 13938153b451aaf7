package io.tenancycore.template.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tenancycore.template.engine.RenderLimits;
import java.time.Duration;

/** {@code tenancy.template.*}: render limits, history and cache sizes. */
@ConfigMapping(prefix = "tenancy.template")
public interface TemplateServiceConfig {

    Render render();

    /** Versions kept per tenant template; older ones are dropped from the history. */
    @WithDefault("50")
    int versionsKept();

    Cache cache();

    interface Render {

        /** Characters of output per rendered part (body, subject). */
        @WithDefault("262144")
        int maxOutputChars();

        /** Loop iterations per render, all loops together. */
        @WithDefault("10000")
        int maxIterations();

        @WithDefault("1s")
        Duration timeout();

        default RenderLimits limits() {
            return new RenderLimits(maxOutputChars(), maxIterations(), timeout());
        }
    }

    interface Cache {

        /** Entries per in-process cache (tenant overrides, bundles, settings). */
        @WithDefault("10000")
        long maxSize();

        /** Compiled templates kept in process. */
        @WithDefault("5000")
        long compiledMaxSize();

        /**
         * Safety net only: change events on {@code tenancy.template-changes} drop entries at once; this bounds how
         * long a replica that missed an event can serve an old version.
         */
        @WithDefault("10m")
        Duration ttl();
    }
}
