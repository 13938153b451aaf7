package io.tenancycore.template.api;

import io.tenancycore.commons.error.Problem;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.error.Problems;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.template.catalog.VersionConflictException;
import io.tenancycore.template.engine.RenderFailedException;
import io.tenancycore.template.engine.RenderLimitExceededException;
import io.tenancycore.template.validation.TemplateInvalidException;
import io.tenancycore.template.validation.TemplateProblem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** problem+json for this service's own failures. */
public class TemplateExceptionMappers {

    private static final Logger LOG = Logger.getLogger(TemplateExceptionMappers.class);
    private static final int UNPROCESSABLE = 422;
    private static final int PRECONDITION_FAILED = 412;

    @ServerExceptionMapper
    public Response invalid(TemplateInvalidException exception, HttpServerRequest request) {
        List<Violation> violations = exception.problems().stream()
                .map(problem -> new Violation(problem.field(), position(problem) + problem.message(), problem.code()))
                .toList();
        InvalidTemplateProblem body = new InvalidTemplateProblem(TemplateProblemTypes.TEMPLATE_INVALID,
                Problems.reasonPhrase(UNPROCESSABLE), UNPROCESSABLE, exception.getMessage(), request.path(),
                violations, exception.problems());
        return Response.status(UNPROCESSABLE).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    @ServerExceptionMapper
    public Response limit(RenderLimitExceededException exception, HttpServerRequest request) {
        // no template content or data in the log line: only which limit, where
        LOG.warnf("render cut off (%s) at %s", exception.limit(), request.path());
        RenderLimitProblem body = new RenderLimitProblem(TemplateProblemTypes.RENDER_LIMIT,
                Problems.reasonPhrase(UNPROCESSABLE), UNPROCESSABLE, exception.getMessage(), request.path(),
                exception.limit().wireName(), exception.max());
        return Response.status(UNPROCESSABLE).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    @ServerExceptionMapper
    public Response failed(RenderFailedException exception, HttpServerRequest request) {
        return Problems.response(Problems.of(TemplateProblemTypes.RENDER_FAILED, UNPROCESSABLE,
                exception.getMessage(), request.path())).build();
    }

    /** An If-Match that no longer names the current version (checked atomically by the store). */
    @ServerExceptionMapper
    public Response conflict(VersionConflictException exception, HttpServerRequest request) {
        return Problems.response(Problems.of(ProblemTypes.PRECONDITION_FAILED, PRECONDITION_FAILED,
                "The template is at version " + exception.current() + ", not " + exception.expected()
                        + "; read it again and retry with its ETag.",
                request.path())).build();
    }

    private static String position(TemplateProblem problem) {
        return problem.line() == null ? "" : "line " + problem.line() + ", column " + problem.column() + ": ";
    }
}
