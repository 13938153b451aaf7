package io.tenancycore.security.rbac;

import io.tenancycore.commons.error.Problem;
import io.tenancycore.commons.error.Problems;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** {@link ReservedRoleRefused} as 422 problem+json; more specific than commons' mapper of every forbidden. */
public class ReservedRoleProblemMapper {

    private static final int UNPROCESSABLE = 422;

    @ServerExceptionMapper
    public Response map(ReservedRoleRefused refused, HttpServerRequest request) {
        Problem problem = new Problem(ReservedRoleRefused.TYPE, Problems.reasonPhrase(UNPROCESSABLE), UNPROCESSABLE,
                "Platform roles live outside every tenant: no tenant can create, bind or grant them.",
                request.path(), refused.violations());
        return Problems.response(problem).build();
    }
}
