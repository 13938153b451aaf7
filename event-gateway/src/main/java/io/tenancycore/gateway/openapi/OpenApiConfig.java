package io.tenancycore.gateway.openapi;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The aggregated OpenAPI document ({@code tenancy.gateway.openapi.*}). */
@ConfigMapping(prefix = "tenancy.gateway.openapi")
public interface OpenApiConfig {

    /** How long the merged document is served before the services are asked again. */
    @WithDefault("60s")
    Duration cacheTtl();

    /** How long to wait for a service's document. */
    @WithDefault("3s")
    Duration fetchTimeout();
}
