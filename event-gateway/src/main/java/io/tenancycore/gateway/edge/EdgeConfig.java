package io.tenancycore.gateway.edge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public edge ({@code tenancy.gateway.*}): which service answers {@code /api/{service}/...}, how long the gateway
 * waits for it, when it stops trying (circuit breaker), and which paths need no token.
 */
@ConfigMapping(prefix = "tenancy.gateway")
public interface EdgeConfig {

    /** By the {@code {service}} segment of {@code /api/{service}/...}: config, security, alerts, templates, workflows. */
    Map<String, Upstream> upstreams();

    Proxy proxy();

    Breaker circuitBreaker();

    /**
     * Gateway paths (exact) that pass without a token: security-service's token endpoint and JWKS. Everything else
     * under {@code /api/} needs a valid bearer token.
     */
    @WithDefault("/api/security/v1/auth/token,/api/security/.well-known/jwks.json")
    List<String> publicPaths();

    interface Upstream {
        /** Base URL of the service's API port, e.g. {@code http://localhost:8081}. */
        String url();

        /** The service's own OpenAPI document (management interface), merged into the gateway's. */
        Optional<String> openapiUrl();
    }

    interface Proxy {
        /** Time to open a connection to a service. */
        @WithDefault("2s")
        Duration connectTimeout();

        /**
         * Longest silence of a service while the gateway waits for (or streams) its answer; the request then fails
         * with 503 and counts against the service's circuit breaker.
         */
        @WithDefault("30s")
        Duration responseTimeout();

        /** Pooled connections per service and gateway replica. */
        @WithDefault("64")
        int maxConnectionsPerUpstream();
    }

    /** Per service: after this many failures among the last requests, requests fail fast for {@code delay}. */
    interface Breaker {
        @WithDefault("10")
        int requestVolumeThreshold();

        @WithDefault("0.5")
        double failureRatio();

        @WithDefault("5s")
        Duration delay();
    }
}
