package io.tenancycore.security.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.validation.JsonSchemaValidator;
import io.tenancycore.security.events.SecurityEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.Map;

@ApplicationScoped
public class PolicyService {

    static final String SCHEMA = "schemas/security-policy.schema.json";

    @Inject
    PolicyStore store;
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

    /** Validates against the JSON Schema (400 naming each field), fills defaults for absent fields, stores. */
    public Uni<SecurityPolicy> replace(String tenantId, JsonNode document) {
        Schema schema = validator.classpathSchema(SCHEMA);
        validator.validate(schema, document).orThrow("The policy");
        ObjectNode merged = mapper.valueToTree(SecurityPolicy.DEFAULT);
        for (Iterator<Map.Entry<String, JsonNode>> it = document.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            merged.set(field.getKey(), field.getValue());
        }
        SecurityPolicy policy = mapper.convertValue(merged, SecurityPolicy.class);
        return store.save(tenantId, policy)
                .call(() -> events.announce(SecurityEvents.POLICY_CHANGED, tenantId, Map.of("tenant_id", tenantId)))
                .replaceWith(policy);
    }
}
