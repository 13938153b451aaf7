package io.tenancycore.security.rbac;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A tenant role: a name and the permissions ({@code resource:action}, {@code *} wildcards) it grants. */
public record Role(@JsonProperty("name") String name, @JsonProperty("permissions") List<String> permissions,
        @JsonProperty("description") String description, @JsonProperty("builtin") boolean builtin) {

    public Role {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }
}
