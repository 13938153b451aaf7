package io.tenancycore.commons.rbac;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The part of security-service's API that permission checks need (built by {@link RemoteRbacProducers}). */
@Path("/v1")
public interface SecurityServiceApi {

    /** OAuth2 client credentials grant (RFC 6749 §4.4). */
    @POST
    @Path("/auth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ServiceToken> token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret);

    @GET
    @Path("/tenants/{tenantId}/roles")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<List<RoleGrants>> roles(@PathParam("tenantId") String tenantId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
