package io.tenancycore.security.compliance;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tenancycore.security.policy.SecurityPolicy;
import java.time.Instant;
import java.util.List;

/** A tenant's state measured against its security policy; {@code compliant} when every control passes. */
public record ComplianceReport(@JsonProperty("tenant_id") String tenantId,
        @JsonProperty("evaluated_at") Instant evaluatedAt, @JsonProperty("compliant") boolean compliant,
        @JsonProperty("passed") int passed, @JsonProperty("failed") int failed,
        @JsonProperty("policy") SecurityPolicy policy, @JsonProperty("controls") List<Control> controls) {

    static ComplianceReport of(String tenantId, Instant at, SecurityPolicy policy, List<Control> controls) {
        int passed = (int) controls.stream().filter(Control::passed).count();
        return new ComplianceReport(tenantId, at, passed == controls.size(), passed, controls.size() - passed, policy,
                List.copyOf(controls));
    }
}
