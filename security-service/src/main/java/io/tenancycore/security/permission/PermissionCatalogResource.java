package io.tenancycore.security.permission;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.permission.PermissionCatalog;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.api.PageRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The permission catalogue: what roles may grant, for any authenticated caller (it describes no tenant). */
@Path("/v1/permissions")
@Tag(name = "RBAC")
public class PermissionCatalogResource {

    @Inject
    PermissionCatalog catalog;

    /** One known permission. */
    public record PermissionView(String name, String description) {
    }

    @GET
    @RequiresPermission({})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every permission a role may grant (wildcards: '*', 'config:*', '*:read' cover these)")
    public Uni<Page<PermissionView>> list(@BeanParam PageRequest page) {
        List<PermissionView> all = catalog.entries().stream()
                .map(entry -> new PermissionView(entry.permission(), entry.description())).toList();
        return Uni.createFrom().item(Page.of(all, page));
    }
}
