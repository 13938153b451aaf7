package io.tenancycore.security.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.validation.TenantId;
import io.tenancycore.commons.lease.WriteLocks;
import io.tenancycore.security.concurrency.LockKeys;
import io.tenancycore.security.concurrency.ResourceTags;
import io.tenancycore.security.rbac.Callers;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/policy")
@Tag(name = "Policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {

    @Inject
    PolicyService policies;
    @Inject
    Callers callers;
    @Inject
    WriteLocks writeLocks;

    @GET
    @RequiresPermission("policies:read")
    @Operation(summary = "The tenant's effective security policy (defaults where it sets nothing)")
    @APIResponse(responseCode = "200", description = "The policy; ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SecurityPolicy.class)))
    public Uni<Response> get(@PathParam("tenantId") @TenantId String tenantId) {
        return policies.effective(tenantId).map(PolicyResource::tagged);
    }

    @PUT
    @RequiresPermission("policies:write")
    @Audited(action = "policy.replace", resource = "policy")
    @Operation(summary = "Replace the policy; validated against schemas/security-policy.schema.json and the "
            + "platform's bounds")
    @APIResponse(responseCode = "200", description = "The policy as stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SecurityPolicy.class)))
    @APIResponse(responseCode = "422", description = "Past a platform bound (max token TTL) or changing "
            + "platform_client_cidrs without being platform-admin (problem type " + PolicyService.LIMIT_PROBLEM + ")")
    @APIResponse(responseCode = "412", description = "If-Match does not match the policy's ETag")
    public Uni<Response> replace(@PathParam("tenantId") @TenantId String tenantId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull JsonNode document) {
        boolean platformAdmin = callers.current().isPlatformAdmin();
        return writeLocks.serialized(LockKeys.policy(tenantId), () -> policies.effective(tenantId)
                .invoke(current -> ResourceTags.requireMatch(ifMatch, current))
                .chain(() -> policies.replace(tenantId, document, platformAdmin))).map(PolicyResource::tagged);
    }

    private static Response tagged(SecurityPolicy policy) {
        return Response.ok(policy).tag(ResourceTags.version(policy)).build();
    }
}
