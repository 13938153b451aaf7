package io.tenancycore.security.kek;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.security.crypto.MasterKeyRing;
import io.tenancycore.security.rbac.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/admin/kek")
@Tag(name = "Master key")
@Produces(MediaType.APPLICATION_JSON)
public class KekResource {

    @Inject
    MasterKeyRing masterKeys;
    @Inject
    KekRewrapService rewrap;
    @Inject
    Callers callers;

    @GET
    @RequiresPermission("kek:read")
    @Operation(summary = "Which master key is current and which earlier ones are still known (ids only)")
    public Map<String, Object> status() {
        requirePlatformAdmin();
        return Map.of("current_kek_id", masterKeys.currentId(), "known_kek_ids", masterKeys.knownIds());
    }

    @POST
    @Path("/rewrap")
    @RequiresPermission("kek:rewrap")
    @Audited(action = "kek.rewrap", resource = "kek")
    @Operation(summary = "Re-wrap every stored key under the current master key")
    public Uni<KekRewrapService.Report> rewrapAll() {
        requirePlatformAdmin();
        return rewrap.rewrapAll();
    }

    private void requirePlatformAdmin() {
        if (!callers.current().isPlatformAdmin()) {
            throw ProblemException.forbidden(ProblemTypes.PERMISSION_DENIED, "Only platform-admin manages the master key.");
        }
    }
}
