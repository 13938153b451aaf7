package io.tenancycore.security.rbac;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

public record RoleRequest(
        @JsonProperty("permissions") @NotNull @Size(max = 200) List<@NotNull @Pattern(regexp = PERMISSION) String> permissions,
        @JsonProperty("description") @Size(max = 500) String description) {

    /** {@code resource:action}, segments of letters, digits, {@code -}, {@code _}, {@code .} or a lone {@code *}. */
    public static final String PERMISSION = "^(\\*|[a-z0-9._-]+)(:(\\*|[a-z0-9._-]+)){0,3}$";
    public static final String NAME = "^[a-z][a-z0-9_-]{1,62}$";
}
