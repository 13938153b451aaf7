package io.tenancycore.security.token;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/.well-known/jwks.json")
@Tag(name = "Tokens")
public class JwksResource {

    private static final int MAX_AGE_SECONDS = 60;

    @Inject
    SigningKeyRing ring;

    @GET
    @SecurityRequirements
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Public keys that verify this service's tokens, retired ones included until their tokens "
            + "expire")
    @APIResponse(responseCode = "200", description = "A JWK Set (RFC 7517): {\"keys\": [...]}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(MAX_AGE_SECONDS);
        return Response.ok(Map.of("keys", ring.publishedJwks())).cacheControl(cache).build();
    }
}
