package io.tenancycore.commons.tenantstatus;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The part of config-service's tenant registry a status lookup needs. Its URL is
 * {@code quarkus.rest-client.config-service.url} (env {@code TENANCY_CONFIG_SERVICE_URL}); the bearer token is this
 * service's own (client credentials, attached by the OIDC filter). A read, so failures without an HTTP answer are
 * retried; any HTTP answer (404 is an unknown tenant) proves config-service reachable and is neither retried nor
 * counted by the breaker, which stops piling lookups on a config-service that does not answer.
 */
@RegisterRestClient(configKey = "config-service")
@OidcClientFilter
@Path("/v1/tenants/{tenantId}")
public interface TenantRegistryApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = WebApplicationException.class)
    Uni<Map<String, Object>> tenant(@PathParam("tenantId") String tenantId);
}
