package io.tenancycore.security.crypto;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.validation.TenantId;
import io.tenancycore.security.crypto.TransitDtos.CreateKey;
import io.tenancycore.security.crypto.TransitDtos.KeyConfig;
import io.tenancycore.security.crypto.TransitDtos.KeyView;
import io.tenancycore.security.crypto.TransitDtos.Request;
import io.tenancycore.security.crypto.TransitService.Operation;
import io.tenancycore.commons.lease.WriteLocks;
import io.tenancycore.security.concurrency.LockKeys;
import io.tenancycore.security.concurrency.ResourceTags;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.api.PageRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Vault Transit-like API. Data operations are not audited one by one (they are not mutations); key changes are. */
@Path("/v1/tenants/{tenantId}/keys")
@Tag(name = "Encryption as a service")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TransitResource {

    @Inject
    TransitService transit;
    @Inject
    WriteLocks writeLocks;

    @POST
    @RequiresPermission("keys:write")
    @Audited(action = "key.create", resource = "keys")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Create a named AES-256-GCM key")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = KeyView.class)))
    public Uni<Response> create(@PathParam("tenantId") @TenantId String tenantId, @Valid @NotNull CreateKey request) {
        return transit.create(tenantId, request).map(view -> Response.created(UriBuilder
                .fromPath("/v1/tenants/{t}/keys/{k}").build(tenantId, view.name())).entity(view)
                .tag(ResourceTags.version(view)).build());
    }

    @GET
    @RequiresPermission("keys:read")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Metadata of the tenant's keys by name, paged "
            + "(never material)")
    public Uni<Page<KeyView>> list(@PathParam("tenantId") @TenantId String tenantId,
            @BeanParam PageRequest page) {
        return transit.list(tenantId).map(all -> Page.of(all.stream()
                .sorted(java.util.Comparator.comparing(KeyView::name)).toList(), page));
    }

    @GET
    @Path("/{name}")
    @RequiresPermission("keys:read")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Metadata of one key, with its ETag")
    @APIResponse(responseCode = "200", description = "The key; ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = KeyView.class)))
    public Uni<Response> get(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TransitDtos.KEY_NAME) String name) {
        return transit.get(tenantId, name).map(TransitResource::tagged);
    }

    @POST
    @Path("/{name}/config")
    @RequiresPermission("keys:write")
    @Audited(action = "key.configure", resource = "keys")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Set min_decryption_version, min_encryption_version, auto_rotate_period, deletion_allowed")
    @APIResponse(responseCode = "200", description = "The key as configured",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = KeyView.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the key's ETag")
    public Uni<Response> configure(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TransitDtos.KEY_NAME) String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull KeyConfig request) {
        return writeLocks.serialized(LockKeys.transitKey(tenantId, name), () -> transit.get(tenantId, name)
                .invoke(current -> ResourceTags.requireMatch(ifMatch, current))
                .chain(() -> transit.configure(tenantId, name, request))).map(TransitResource::tagged);
    }

    @POST
    @Path("/{name}/rotate")
    @Consumes(MediaType.WILDCARD)
    @RequiresPermission("keys:rotate")
    @Audited(action = "key.rotate", resource = "keys")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Add a new key version; new encryptions use it")
    @APIResponse(responseCode = "200", description = "The key with its new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = KeyView.class)))
    public Uni<Response> rotate(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TransitDtos.KEY_NAME) String name) {
        // under the key's write lock, so a configure or delete checked against the version before it cannot pass
        return writeLocks.serialized(LockKeys.transitKey(tenantId, name), () -> transit.rotate(tenantId, name))
                .map(TransitResource::tagged);
    }

    @DELETE
    @Path("/{name}")
    @RequiresPermission("keys:delete")
    @Audited(action = "key.delete", resource = "keys")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Delete a key (409 unless deletion_allowed)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "412", description = "If-Match does not match the key's ETag")
    public Uni<Response> delete(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TransitDtos.KEY_NAME) String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return writeLocks.serialized(LockKeys.transitKey(tenantId, name), () -> {
            Uni<Void> checked = ifMatch == null ? Uni.createFrom().voidItem()
                    : transit.get(tenantId, name).invoke(current -> ResourceTags.requireMatch(ifMatch, current))
                            .replaceWithVoid();
            return checked.chain(() -> transit.delete(tenantId, name));
        }).replaceWith(Response.noContent().build());
    }

    private static Response tagged(KeyView view) {
        return Response.ok(view).tag(ResourceTags.version(view)).build();
    }


    @POST
    @Path("/{name}/encrypt")
    @RequiresPermission("keys:encrypt")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Encrypt {plaintext, context?} or batch_input")
    public Uni<Object> encrypt(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TransitDtos.KEY_NAME) String name, @Valid @NotNull Request request) {
        return transit.execute(tenantId, name, Operation.ENCRYPT, request);
    }

    @POST
    @Path("/{name}/decrypt")
    @RequiresPermission("keys:decrypt")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Decrypt {ciphertext, context?} or batch_input")
    public Uni<Object> decrypt(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TransitDtos.KEY_NAME) String name, @Valid @NotNull Request request) {
        return transit.execute(tenantId, name, Operation.DECRYPT, request);
    }

    @POST
    @Path("/{name}/rewrap")
    @RequiresPermission("keys:encrypt")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Re-encrypt with the latest version without revealing plaintext")
    public Uni<Object> rewrap(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TransitDtos.KEY_NAME) String name, @Valid @NotNull Request request) {
        return transit.execute(tenantId, name, Operation.REWRAP, request);
    }

    @POST
    @Path("/{name}/datakey/{kind}")
    @RequiresPermission("keys:encrypt")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Generate a data key: plaintext+ciphertext, or wrapped only")
    public Uni<Object> datakey(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TransitDtos.KEY_NAME) String name,
            @PathParam("kind") @Pattern(regexp = "^(plaintext|wrapped)$") String kind, @Valid @NotNull Request request) {
        return transit.execute(tenantId, name,
                "plaintext".equals(kind) ? Operation.DATAKEY_PLAINTEXT : Operation.DATAKEY_WRAPPED, request);
    }
}
