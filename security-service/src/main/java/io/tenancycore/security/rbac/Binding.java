package io.tenancycore.security.rbac;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A subject's roles in a tenant, as the bindings API shows it. */
public record Binding(@JsonProperty("subject") String subject, @JsonProperty("roles") List<String> roles) {

    public Binding {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
