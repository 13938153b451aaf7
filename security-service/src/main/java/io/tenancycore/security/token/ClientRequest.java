package io.tenancycore.security.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tenancycore.security.rbac.RoleRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

public record ClientRequest(@JsonProperty("name") @NotBlank @Size(max = 100) String name,
        @JsonProperty("roles") @NotNull @Size(min = 1, max = 20) List<@NotNull @Pattern(regexp = RoleRequest.NAME) String> roles) {
}
