package io.tenancycore.commons.events.handler;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Retries of a failing {@link EventHandler} before its event is dead-lettered ({@code tenancy.event-handlers.*}). */
@ConfigMapping(prefix = "tenancy.event-handlers")
public interface EventHandlersConfig {

    /** Build-time switch: only a service that sets it consumes the bus (its channels are in its own config). */
    @WithDefault("false")
    boolean enabled();

    @WithDefault("3")
    int retries();

    @WithDefault("200ms")
    Duration backoff();

    @WithDefault("5s")
    Duration maxBackoff();
}
