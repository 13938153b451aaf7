package io.tenancycore.commons.rbac;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One role of a tenant and the permissions it grants, as security-service's {@code GET .../roles} lists it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoleGrants(@JsonProperty("name") String name, @JsonProperty("permissions") List<String> permissions) {

    public RoleGrants {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }
}
