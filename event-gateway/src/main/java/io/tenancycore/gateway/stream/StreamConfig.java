package io.tenancycore.gateway.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Bounds of the live stream ({@code tenancy.events.stream.*}): one tenant cannot hold a replica's connections. */
@ConfigMapping(prefix = "tenancy.events.stream")
public interface StreamConfig {

    /** Open streams one tenant may hold on one replica; the next is refused with 429. */
    @WithDefault("10")
    int maxPerTenant();

    /** Open streams of all tenants on one replica. */
    @WithDefault("500")
    int maxPerReplica();

    /** Events a slow reader may fall behind by before its stream is ended (it reconnects and goes on live). */
    @WithDefault("256")
    int buffer();

    /** How often a comment keeps idle connections open and the tenant's status is checked again. */
    @WithDefault("15s")
    Duration heartbeat();

    /** The longest a stream stays open; it also ends when the caller's token expires. */
    @WithDefault("1h")
    Duration maxLifetime();

    /** Characters of the {@code filter} parameter. */
    @WithDefault("2048")
    int filterMaxLength();
}
