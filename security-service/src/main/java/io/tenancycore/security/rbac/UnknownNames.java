package io.tenancycore.security.rbac;

import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * 422 problems for grants and role lists that name what does not exist: a permission outside the catalogue, a role
 * the tenant does not define. Every offending entry is listed at {@code <field>[<index>]}, so one answer says all
 * there is to fix.
 */
final class UnknownNames {

    static final String UNKNOWN_PERMISSION = "urn:tenancycore:problem:security:unknown-permission";
    static final String UNKNOWN_ROLE = "urn:tenancycore:problem:security:unknown-role";

    private UnknownNames() {
    }

    /** Fails when a grant is no known permission nor a wildcard covering one; empty otherwise. */
    static List<Violation> permissions(String field, List<String> grants, Predicate<String> known) {
        return violations(field, grants, known, "is not a known permission (GET /v1/permissions lists them)",
                "unknown_permission");
    }

    static List<Violation> roles(String field, List<String> roles, Predicate<String> defined) {
        return violations(field, roles, defined, "is not a role of this tenant", "unknown_role");
    }

    static ProblemException unknownPermissions(List<Violation> violations) {
        return new ProblemException(UNKNOWN_PERMISSION, 422, "Unprocessable Content",
                "Grant only permissions the platform knows, or wildcards that cover some.", violations);
    }

    static ProblemException unknownRoles(List<Violation> violations) {
        return new ProblemException(UNKNOWN_ROLE, 422, "Unprocessable Content",
                "Create the roles first (PUT /v1/tenants/{tenantId}/roles/{role}), or name existing ones.",
                violations);
    }

    private static List<Violation> violations(String field, List<String> names, Predicate<String> known,
            String message, String code) {
        List<Violation> found = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!known.test(names.get(i))) {
                found.add(new Violation(field + "[" + i + "]", "'" + names.get(i) + "' " + message, code));
            }
        }
        return found;
    }
}
