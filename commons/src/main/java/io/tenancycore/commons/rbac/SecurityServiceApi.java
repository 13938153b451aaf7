package io.tenancycore.commons.rbac;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The part of security-service's API that permission checks need. Its URL is {@code quarkus.rest-client.security-service.url}
 * (env {@code TENANCY_SECURITY_SERVICE_URL}); the bearer token is this service's own, obtained with client credentials
 * by the default OIDC client ({@code quarkus.oidc-client.*}, commons' defaults) and attached by the filter. The
 * fault-tolerance policy is {@link ResilientGrants}'.
 */
@RegisterRestClient(configKey = "security-service")
@OidcClientFilter
@Path("/v1")
public interface SecurityServiceApi {

    /** The tenant's roles and every subject's current roles ({@code roles:read}). */
    @GET
    @Path("/tenants/{tenantId}/rbac")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<RbacView> rbac(@PathParam("tenantId") String tenantId);
}
