package io.tenancycore.security.rbac;

import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * A write that would put a platform role into a tenant (create or replace a role, bind one, give one to a client):
 * 422 {@value #TYPE} naming each field, because the request names something no tenant can have, whoever sends it.
 * It is a refusal of authority ({@link #isRefusal()}), so commons' {@code @Audited} records it as {@code denied},
 * with its detail as the reason.
 */
public class ReservedRoleRefused extends ProblemException {

    public static final String TYPE = "urn:tenancycore:problem:security:reserved-role";
    static final String CODE = "reserved_role";

    static final String DETAIL = "Platform roles live outside every tenant: no tenant can create, bind or grant them.";

    private final List<Violation> violations;

    private ReservedRoleRefused(List<Violation> violations) {
        super(TYPE, 422, "Unprocessable Content", DETAIL, violations);
        this.violations = List.copyOf(violations);
    }

    @Override
    public boolean isRefusal() {
        return true;
    }

    /** A role named in the path, e.g. {@code PUT /roles/platform-admin}. */
    public static ReservedRoleRefused name(String field, String role) {
        return new ReservedRoleRefused(List.of(violation(field, role)));
    }

    /** One violation per reserved name of a list field, at {@code <field>[<index>]}. */
    public static ReservedRoleRefused among(String field, List<String> roles, ReservedRoles reserved) {
        List<Violation> found = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            if (reserved.isReserved(roles.get(i))) {
                found.add(violation(field + "[" + i + "]", roles.get(i)));
            }
        }
        return new ReservedRoleRefused(found);
    }

    public List<Violation> violations() {
        return violations;
    }

    private static Violation violation(String field, String role) {
        return new Violation(field, "'" + role + "' is a platform role; no tenant can create, bind or grant it", CODE);
    }
}
