package io.tenancycore.security.rbac;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

public record BindingRequest(
        @JsonProperty("roles") @NotNull @Size(max = 50) List<@NotNull @Pattern(regexp = RoleRequest.NAME) String> roles) {
}
