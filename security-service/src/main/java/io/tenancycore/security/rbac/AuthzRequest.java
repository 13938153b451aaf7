package io.tenancycore.security.rbac;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tenancycore.commons.validation.TenantId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

public record AuthzRequest(
        @JsonProperty("subject") @NotBlank @Size(max = 200) String subject,
        @JsonProperty("tenant_id") @TenantId String tenantId,
        @JsonProperty("roles") @Size(max = 50) List<@NotBlank String> roles,
        @JsonProperty("permission") @NotBlank @Pattern(regexp = RoleRequest.PERMISSION) String permission) {
}
