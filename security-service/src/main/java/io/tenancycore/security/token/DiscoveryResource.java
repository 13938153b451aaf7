package io.tenancycore.security.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An OpenID-style discovery document (OpenID Connect Discovery 1.0 / RFC 8414 fields that apply to a client
 * credentials issuer): the issuer as tokens carry it, the token endpoint and the JWKS. OAuth2 libraries configure
 * themselves from it; {@code issuer} is the exact {@code iss} value to verify.
 */
@Path("/.well-known/openid-configuration")
@Tag(name = "Tokens")
public class DiscoveryResource {

    private static final int MAX_AGE_SECONDS = 300;

    @Inject
    TokenConfig config;

    /** The document. */
    public record Discovery(@JsonProperty("issuer") String issuer,
            @JsonProperty("token_endpoint") String tokenEndpoint,
            @JsonProperty("jwks_uri") String jwksUri,
            @JsonProperty("grant_types_supported") List<String> grantTypesSupported,
            @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenEndpointAuthMethodsSupported,
            @JsonProperty("id_token_signing_alg_values_supported") List<String> signingAlgValuesSupported,
            @JsonProperty("claims_supported") List<String> claimsSupported) {
    }

    @GET
    @SecurityRequirements
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Discovery document: issuer, token endpoint, JWKS URI, supported grant and algorithms")
    @APIResponse(responseCode = "200", description = "The discovery document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Discovery.class)))
    public Response discovery(@Context UriInfo uri) {
        String base = config.publicBaseUrl().orElseGet(() -> uri.getBaseUri().toString());
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        Discovery document = new Discovery(config.issuer(), base + "/v1/auth/token", base + "/.well-known/jwks.json",
                List.of(TokenResource.CLIENT_CREDENTIALS), List.of("client_secret_basic", "client_secret_post"),
                List.of("RS256"), List.of("iss", "sub", "aud", "exp", "iat", "jti", TokenIssuer.TENANT_CLAIM,
                        TokenIssuer.GROUPS_CLAIM, TokenIssuer.SCOPE_CLAIM));
        CacheControl cache = new CacheControl();
        cache.setMaxAge(MAX_AGE_SECONDS);
        return Response.ok(document).cacheControl(cache).build();
    }
}
