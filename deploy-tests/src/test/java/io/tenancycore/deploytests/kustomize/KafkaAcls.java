package io.tenancycore.deploytests.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenancycore.deploytests.chart.Rendered;
import java.util.LinkedHashSet;
import java.util.Set;

/** The simple-authorization ACLs of a KafkaUser, one grant per operation, and what they permit. */
public final class KafkaAcls {

    /** One allowed operation on one resource (literal name or name prefix). */
    public record Grant(String resourceType, String name, String patternType, String operation) {

        static Grant literalTopic(String topic, String operation) {
            return new Grant("topic", topic, "literal", operation);
        }

        boolean covers(String type, String resource, String op) {
            boolean nameMatches = "prefix".equals(patternType) ? resource.startsWith(name) : resource.equals(name);
            return resourceType.equals(type) && nameMatches && (operation.equals(op) || "All".equals(operation));
        }
    }

    private KafkaAcls() {
    }

    /** The KafkaUser's allow grants; a deny rule or a non-simple authorization is reported as a failure. */
    public static Set<Grant> grants(JsonNode kafkaUser) {
        JsonNode authorization = kafkaUser.path("spec").path("authorization");
        if (!"simple".equals(authorization.path("type").asText())) {
            throw new AssertionError(Rendered.name(kafkaUser) + " has no simple authorization");
        }
        Set<Grant> grants = new LinkedHashSet<>();
        for (JsonNode acl : authorization.path("acls")) {
            if ("deny".equals(acl.path("type").asText())) {
                throw new AssertionError(Rendered.name(kafkaUser) + ": deny rules are not expected: " + acl);
            }
            JsonNode resource = acl.path("resource");
            for (JsonNode operation : acl.path("operations")) {
                grants.add(new Grant(resource.path("type").asText(), resource.path("name").asText(),
                        resource.path("patternType").asText("literal"), operation.asText()));
            }
        }
        return grants;
    }

    public static boolean permits(Set<Grant> grants, String resourceType, String name, String operation) {
        return grants.stream().anyMatch(g -> g.covers(resourceType, name, operation));
    }
}
