package io.tenancycore.security.token;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The token endpoint's errors as RFC 6749 JSON; more specific than commons' problem mapper. */
public class OAuthErrorMapper {

    /** RFC 6749 2.3.1: clients may authenticate with HTTP Basic, so a 401 challenges with it. */
    static final String CHALLENGE = "Basic realm=\"tenancy-core\"";

    @ServerExceptionMapper
    public Response map(OAuthError error) {
        Response.ResponseBuilder response = Response.status(error.status()).type(MediaType.APPLICATION_JSON)
                .entity(error.body()).header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
        if (error.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response map(TokenRequestsLimited limited) {
        return Response.status(429).type(MediaType.APPLICATION_JSON)
                .entity(new OAuthError.Body(OAuthError.TEMPORARILY_UNAVAILABLE, limited.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
