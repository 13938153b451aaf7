package io.tenancycore.commons.configclient;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The part of config-service's API the config client reads. */
@RegisterRestClient(configKey = "config-service", baseUri = "http://localhost:8081")
@Path("/v1/tenants/{tenantId}/config")
public interface ConfigServiceApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = jakarta.ws.rs.ClientErrorException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = jakarta.ws.rs.ClientErrorException.class)
    Uni<TenantSettings> effective(@PathParam("tenantId") String tenantId, @QueryParam("env") String environment,
            @HeaderParam("Authorization") String authorization);
}
