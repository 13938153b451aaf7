package io.tenancycore.commons.configclient;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * This service's own OAuth2 client at security-service ({@code tenancy.service-client.*}; contracts: client id =
 * {@code quarkus.application.name}, secret from env {@code TENANCY_SERVICE_CLIENT_SECRET}). The token endpoint's
 * base URL is the REST client config key {@code security-service} ({@code quarkus.rest-client.security-service.url}).
 */
@ConfigMapping(prefix = "tenancy.service-client")
public interface ServiceClientConfig {

    /** Never logged; without it, calls that need the service token fail with a clear error. */
    Optional<String> secret();

    /** Client id; defaults to the application name. */
    Optional<String> id();

    /** A token is renewed this long before it expires. */
    @WithDefault("30s")
    Duration refreshBefore();
}
