package io.tenancycore.admincli.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tenancycore.admincli.api.ApiClient;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code corectl init --seed}: the seeded state the services keep per tenant, put back where it is missing. That is
 * the built-in roles (tenant-admin, tenant-user, auditor): security-service creates them when a tenant registers, and
 * this repairs active and suspended tenants registered before a role was added to the built-ins, or whose role was
 * deleted, through security-service's own idempotent {@code POST /v1/tenants/{t}/roles/defaults}. Built-in
 * templates, messages and workflow templates have no stored state to seed: the services serve them from their code.
 */
final class DefaultRolesSeeder {

    private static final int PAGE = 200;
    private static final Set<String> IN_SERVICE = Set.of("active", "suspended");

    record Outcome(int tenants, int rolesAdded) {
    }

    private final ApiClient api;

    DefaultRolesSeeder(ApiClient api) {
        this.api = api;
    }

    Outcome seed(PrintWriter out) {
        List<String> tenants = new ArrayList<>();
        api.forEachItem("config", "/v1/tenants", PAGE, tenant -> {
            // only tenants in service: a provisioning one gets its roles from its own provisioning, and a failed or
            // deleted one had them removed on purpose (nothing half-created may stay behind)
            if (IN_SERVICE.contains(tenant.path("status").asText())) {
                tenants.add(tenant.path("tenant_id").asText());
            }
        });
        int added = 0;
        for (String tenant : tenants) {
            JsonNode answer = api.post("security", "/v1/tenants/" + URLEncoder.encode(tenant, StandardCharsets.UTF_8)
                    + "/roles/defaults", JsonNodeFactory.instance.objectNode());
            List<String> roles = new ArrayList<>();
            answer.path("added").forEach(role -> roles.add(role.asText()));
            added += roles.size();
            out.printf("%-9s %-32s %s%n", roles.isEmpty() ? "unchanged" : "seeded", tenant,
                    roles.isEmpty() ? "built-in roles present" : "added roles " + String.join(", ", roles));
        }
        return new Outcome(tenants.size(), added);
    }
}
