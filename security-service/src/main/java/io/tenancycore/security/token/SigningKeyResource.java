package io.tenancycore.security.token;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.security.rbac.Callers;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.api.PageRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Platform administration of the token signing keys (platform-admin only). */
@Path("/v1/admin/signing-keys")
@Tag(name = "Tokens")
@Produces(MediaType.APPLICATION_JSON)
public class SigningKeyResource {

    @Inject
    SigningKeyRing ring;
    @Inject
    SigningKeyLifecycle lifecycle;
    @Inject
    Callers callers;

    @GET
    @RequiresPermission("signing-keys:read")
    @Operation(summary = "Signing keys by kid, paged: kid, created, retired (never private material)")
    public Uni<Page<Map<String, Object>>> list(@BeanParam PageRequest page) {
        requirePlatformAdmin();
        return ring.reload().map(ignored -> ring.keys().stream().sorted(java.util.Comparator.comparing(
                SigningKey::kid)).map(key -> {
            Map<String, Object> view = new java.util.LinkedHashMap<>();
            view.put("kid", key.kid());
            view.put("created_at", key.createdAt());
            view.put("retired_at", key.retiredAt());
            view.put("active", key.kid().equals(ring.activeKid().orElse(null)));
            return view;
        }).toList()).map(all -> Page.of(all, page));
    }

    @POST
    @Path("/rotate")
    @RequiresPermission("signing-keys:rotate")
    @Audited(action = "signing-key.rotate", resource = "signing-keys")
    @Operation(summary = "Rotate the signing key now; the old public key stays published until its tokens expire")
    public Uni<Map<String, String>> rotate() {
        requirePlatformAdmin();
        return lifecycle.rotate(null, "manual").map(kid -> Map.of("kid", kid));
    }

    private void requirePlatformAdmin() {
        if (!callers.current().isPlatformAdmin()) {
            throw ProblemException.forbidden(ProblemTypes.PERMISSION_DENIED, "Only platform-admin manages signing keys.");
        }
    }
}
