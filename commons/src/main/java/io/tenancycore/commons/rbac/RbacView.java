package io.tenancycore.commons.rbac;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's RBAC as permission checks need it, read once and cached: its roles with their permissions, and every
 * subject's roles as they are now (its client's own roles plus its bindings). Checks take a tenant caller's roles from
 * here, not from its token's {@code groups} (which say what was true when the token was issued), so a binding added
 * or removed counts for tokens already issued as soon as the view is read again. security-service serves it at
 * {@code GET /v1/tenants/{t}/rbac}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RbacView(@JsonProperty("roles") List<RoleGrants> roles,
        @JsonProperty("subjects") Map<String, List<String>> subjects) {

    public static final RbacView EMPTY = new RbacView(List.of(), Map.of());

    public RbacView {
        roles = roles == null ? List.of() : List.copyOf(roles);
        subjects = subjects == null ? Map.of() : Map.copyOf(subjects);
    }

    /** The subject's roles now; none when the tenant does not know the subject (e.g. its client was deleted). */
    public List<String> rolesOf(String subject) {
        return subject == null ? List.of() : subjects.getOrDefault(subject, List.of());
    }

    /** Every permission the roles grant in this tenant (roles the tenant does not define grant nothing). */
    public Set<String> permissionsOf(Iterable<String> roleNames) {
        Set<String> wanted = new LinkedHashSet<>();
        roleNames.forEach(wanted::add);
        Set<String> permissions = new LinkedHashSet<>();
        roles.stream().filter(role -> wanted.contains(role.name()))
                .forEach(role -> permissions.addAll(role.permissions()));
        return Set.copyOf(permissions);
    }

    /** The subject's permissions now. */
    public Set<String> permissionsOfSubject(String subject) {
        return permissionsOf(rolesOf(subject));
    }
}
