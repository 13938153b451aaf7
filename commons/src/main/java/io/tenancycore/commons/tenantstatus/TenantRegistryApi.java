package io.tenancycore.commons.tenantstatus;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The part of config-service's tenant registry a status lookup needs. */
@RegisterRestClient(configKey = "config-service", baseUri = "http://localhost:8081")
@Path("/v1/tenants/{tenantId}")
public interface TenantRegistryApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    Uni<Map<String, Object>> tenant(@PathParam("tenantId") String tenantId,
            @HeaderParam("Authorization") String authorization);
}
