package io.tenancycore.security.token;

import io.tenancycore.commons.error.Problems;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** {@link TokenRequestsLimited} with {@code Retry-After}; more specific than commons' mapper of every problem. */
public class TokenRequestsLimitedMapper {

    @ServerExceptionMapper
    public Response map(TokenRequestsLimited limited, HttpServerRequest request) {
        return Problems.response(limited.toProblem(request.path()))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds())).build();
    }
}
