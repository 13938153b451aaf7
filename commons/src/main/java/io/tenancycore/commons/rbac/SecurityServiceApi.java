package io.tenancycore.commons.rbac;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The part of security-service's API that permission checks need (built by {@link RemoteRbacProducers}); the token
 * comes from {@link io.tenancycore.commons.configclient.ServiceTokens}.
 */
@Path("/v1")
public interface SecurityServiceApi {

    @GET
    @Path("/tenants/{tenantId}/roles")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<List<RoleGrants>> roles(@PathParam("tenantId") String tenantId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
