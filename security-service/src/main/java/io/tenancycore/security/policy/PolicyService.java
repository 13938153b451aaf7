package io.tenancycore.security.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.validation.JsonSchemaValidator;
import io.tenancycore.security.events.SecurityEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class PolicyService {

    static final String SCHEMA = "schemas/security-policy.schema.json";
    public static final String LIMIT_PROBLEM = "urn:tenancycore:problem:security:policy-limit";
    static final String PLATFORM_CIDRS = "platform_client_cidrs";

    @Inject
    PolicyStore store;
    @Inject
    PolicyLimits limits;
    @Inject
    JsonSchemaValidator validator;
    @Inject
    ObjectMapper mapper;
    @Inject
    SecurityEvents events;

    /** The tenant's policy, or the defaults when it has none. */
    public Uni<SecurityPolicy> effective(String tenantId) {
        if (tenantId == null) {
            return Uni.createFrom().item(SecurityPolicy.DEFAULT);
        }
        return store.find(tenantId).map(policy -> policy == null ? SecurityPolicy.DEFAULT : policy);
    }

    /**
     * Validates against the JSON Schema (400 naming each field), fills defaults for absent fields, checks the
     * platform's bounds (422 naming each), stores. {@code platform_client_cidrs} belongs to the platform: absent, it
     * keeps its stored value; only platform-admin may change it.
     */
    public Uni<SecurityPolicy> replace(String tenantId, JsonNode document, boolean byPlatformAdmin) {
        Schema schema = validator.classpathSchema(SCHEMA);
        validator.validate(schema, document).orThrow("The policy");
        return effective(tenantId).chain(stored -> {
            ObjectNode merged = mapper.valueToTree(SecurityPolicy.DEFAULT);
            merged.set(PLATFORM_CIDRS, mapper.valueToTree(stored.platformClientCidrs()));
            for (Iterator<Map.Entry<String, JsonNode>> it = document.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                merged.set(field.getKey(), field.getValue());
            }
            SecurityPolicy policy = mapper.convertValue(merged, SecurityPolicy.class);
            List<Violation> violations = outOfBounds(policy, stored, byPlatformAdmin);
            if (!violations.isEmpty()) {
                return Uni.createFrom().failure(new ProblemException(LIMIT_PROBLEM, 422, "Unprocessable Content",
                        "The policy goes past what the platform allows.", violations));
            }
            return store.save(tenantId, policy)
                    .call(() -> events.announce(SecurityEvents.POLICY_CHANGED, tenantId,
                            Map.of("tenant_id", tenantId)))
                    .replaceWith(policy);
        });
    }

    /** The lifetime of tokens issued under the policy: its own, never past the platform's bound. */
    public Duration tokenTtl(SecurityPolicy policy) {
        return policy.tokenTtl().compareTo(limits.maxTokenTtl()) > 0 ? limits.maxTokenTtl() : policy.tokenTtl();
    }

    private List<Violation> outOfBounds(SecurityPolicy policy, SecurityPolicy stored, boolean byPlatformAdmin) {
        List<Violation> violations = new ArrayList<>();
        if (policy.tokenTtl().compareTo(limits.maxTokenTtl()) > 0) {
            violations.add(new Violation("token_ttl_seconds", "at most " + limits.maxTokenTtl().toSeconds()
                    + " (the platform's " + PolicyLimits.MAX_TOKEN_TTL_KEY + ")", "platform_limit"));
        }
        if (!byPlatformAdmin && !new HashSet<>(policy.platformClientCidrs())
                .equals(new HashSet<>(stored.platformClientCidrs()))) {
            violations.add(new Violation(PLATFORM_CIDRS,
                    "set by the platform; only platform-admin may change or clear it", "platform_owned"));
        }
        return violations;
    }
}
