package io.tenancycore.commons.error;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds problems and problem responses. */
public final class Problems {

    private Problems() {
    }

    /** The generic problem of a status (404 → {@code …:not-found}) for failures nothing more specific describes. */
    public static Problem forStatus(int status, String detail, String instance) {
        return new Problem(ProblemTypes.forStatus(status), reasonPhrase(status), status, detail, instance, List.of());
    }

    public static Problem of(String type, int status, String detail, String instance) {
        return new Problem(type, reasonPhrase(status), status, detail, instance, List.of());
    }

    public static Response.ResponseBuilder response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    public static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> Response.Status.Family.familyOf(status).name().replace('_', ' ');
        };
    }
}
