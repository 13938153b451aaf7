package io.tenancycore.security.tenants;

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
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * config-service's tenant registry as security-service reads it: the same URL as every service's
 * ({@code quarkus.rest-client.config-service.url}, env {@code TENANCY_CONFIG_SERVICE_URL}), the same policy as
 * commons' {@code TenantRegistryApi}, but the token is one security-service signs itself
 * ({@link SelfSignedServiceToken}): it is the issuer and has no client secret.
 */
@RegisterRestClient(configKey = "config-service")
@RegisterProvider(SelfSignedServiceToken.class)
@Path("/v1/tenants/{tenantId}")
public interface ConfigServiceTenants {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = WebApplicationException.class)
    Uni<Map<String, Object>> tenant(@PathParam("tenantId") String tenantId);
}
