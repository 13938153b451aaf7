package io.tenancycore.security.token;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.tenant.TenantContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OAuth2 token endpoint, client credentials grant (RFC 6749 section 4.4); the client authenticates in the form or with
 * HTTP Basic. Limits, lengths and the authentication itself are {@link TokenService}'s.
 */
@Path("/v1/auth/token")
@Tag(name = "Tokens")
public class TokenResource {

    static final String CLIENT_CREDENTIALS = "client_credentials";
    private static final String BASIC = "Basic ";

    @Inject
    TokenService tokens;
    @Inject
    TenantContext request;

    @POST
    @SecurityRequirements
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an access token (JWT RS256) to an OAuth2 client")
    @APIResponse(responseCode = "200", description = "The token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "RFC 6749 invalid_request or unsupported_grant_type: unsupported "
            + "grant type, missing or malformed client, or a client_id / client_secret longer than allowed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OAuthError.Body.class)))
    @APIResponse(responseCode = "401", description = "RFC 6749 invalid_client: client unknown, wrong secret, address "
            + "not allowed or tenant not active",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OAuthError.Body.class)))
    @APIResponse(responseCode = "413", description = "A body larger than a token request can be")
    @APIResponse(responseCode = "429", description = "RFC 6749 temporarily_unavailable: too many requests from the "
            + "address or failed attempts for the client; Retry-After says when to try again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OAuthError.Body.class)))
    public Uni<Response> token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (grantType == null || grantType.isBlank()) {
            throw OAuthError.invalidRequest("grant_type is required (client_credentials).");
        }
        if (!CLIENT_CREDENTIALS.equals(grantType)) {
            throw new OAuthError(400, OAuthError.UNSUPPORTED_GRANT_TYPE, "Only client_credentials is supported.");
        }
        String id = clientId;
        String secret = clientSecret;
        if (authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            String[] pair = decodeBasic(authorization.substring(BASIC.length()));
            id = pair[0];
            secret = pair[1];
        }
        if (id == null || id.isBlank() || secret == null || secret.isEmpty()) {
            throw OAuthError.invalidRequest("client_id and client_secret are required.");
        }
        return tokens.exchange(id, secret, request.sourceIp().orElse(null))
                .map(token -> Response.ok(new TokenResponse(token.token(), "Bearer", token.expiresIn()))
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .header("Pragma", "no-cache")
                        .build());
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException();
            }
            // RFC 6749 2.3.1: both parts are form-urlencoded before Basic encoding
            return new String[] { java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidRequest("Malformed Basic credentials.");
        }
    }
}
