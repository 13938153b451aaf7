package io.tenancycore.security.rbac;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

public record AuthzDecision(@JsonProperty("allowed") boolean allowed,
        @JsonProperty("decided_by") @JsonInclude(JsonInclude.Include.ALWAYS) DecidedBy decidedBy) {

    public record DecidedBy(@JsonProperty("role") String role, @JsonProperty("grant") String grant) {
    }

    static AuthzDecision of(RbacService.Decision decision) {
        return new AuthzDecision(decision.allowed(),
                decision.allowed() ? new DecidedBy(decision.role(), decision.grant()) : null);
    }
}
