package io.tenancycore.commons.error;

import java.util.List;

/**
 * Thrown by service code to answer with a problem+json; mapped by {@link ProblemExceptionMappers}.
 * The detail is shown to the client, so it must never carry secrets or internals.
 */
public class ProblemException extends RuntimeException {

    private final String type;
    private final int status;
    private final String title;
    private final String detail;
    private final List<Violation> violations;

    public ProblemException(int status, String title, String detail) {
        this(ProblemTypes.forStatus(status), status, title, detail, List.of());
    }

    public ProblemException(int status, String title, String detail, List<Violation> violations) {
        this(violations.isEmpty() ? ProblemTypes.forStatus(status) : ProblemTypes.VALIDATION, status, title, detail,
                violations);
    }

    public ProblemException(String type, int status, String title, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.type = type;
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.violations = List.copyOf(violations);
    }

    /** Input that cannot be read at all (unparseable, wrong type): 400. */
    public static ProblemException badRequest(String detail, List<Violation> violations) {
        return new ProblemException(ProblemTypes.INVALID_PARAMETER, 400, "Bad Request", detail, violations);
    }

    /** Input that is readable but breaks a rule (every violation listed): 422, as DESIGN's conventions say. */
    public static ProblemException unprocessable(String detail, List<Violation> violations) {
        return new ProblemException(ProblemTypes.VALIDATION, 422, Problems.reasonPhrase(422), detail, violations);
    }

    /** An {@code If-Match} that names another version than the current one: 412. */
    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(ProblemTypes.PRECONDITION_FAILED, 412, "Precondition Failed", detail, List.of());
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException forbidden(String type, String detail) {
        return new ProblemException(type, 403, "Forbidden", detail, List.of());
    }

    public int status() {
        return status;
    }

    /**
     * Whether an audited call that fails with this problem was refused by a rule of the platform (recorded as
     * {@code denied}) rather than failed; 401/403 are recognised by status, others (a storage quota) say so here.
     */
    public boolean isRefusal() {
        return false;
    }

    public Problem toProblem(String instance) {
        return new Problem(type, title, status, detail, instance, violations);
    }
}
