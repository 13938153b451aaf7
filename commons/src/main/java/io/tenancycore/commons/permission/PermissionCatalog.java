package io.tenancycore.commons.permission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The permissions the platform knows: what services check ({@link RequiresPermission} and their own "may this caller
 * ...?" questions), with what each allows. A role may only grant permissions from here or wildcards that cover at
 * least one of them ({@code *}, {@code config:*}, {@code *:read}), so a typo cannot become a grant that silently
 * allows nothing. A service with permissions of its own adds them with {@code tenancy.permissions.catalog-extra}
 * ({@code name=description}) in security-service, which validates grants.
 */
@ApplicationScoped
public class PermissionCatalog {

    /** A known permission and what it allows. */
    public record Entry(String permission, String description) {
    }

    private static final Map<String, String> BUILT_IN = builtIn();

    private final List<Entry> entries;

    @Inject
    public PermissionCatalog(PermissionsConfig config) {
        Map<String, String> all = new LinkedHashMap<>(BUILT_IN);
        config.catalogExtra().forEach(all::putIfAbsent);
        List<Entry> list = new ArrayList<>();
        all.forEach((permission, description) -> list.add(new Entry(permission, description)));
        list.sort((a, b) -> a.permission().compareTo(b.permission()));
        this.entries = Collections.unmodifiableList(list);
    }

    /** Every known permission, sorted by name. */
    public List<Entry> entries() {
        return entries;
    }

    /** Whether a grant names a known permission or is a wildcard covering at least one. */
    public boolean isKnownGrant(String grant) {
        if (grant == null || grant.isBlank()) {
            return false;
        }
        return entries.stream().anyMatch(entry -> PermissionMatcher.grants(grant, entry.permission()));
    }

    private static Map<String, String> builtIn() {
        Map<String, String> known = new LinkedHashMap<>();
        known.put("tenants:read", "Read a tenant's registration and status");
        known.put("tenants:write", "Register, update, suspend, reactivate and delete tenants");
        known.put("tenants:validate", "Validate a tenant document without registering it");
        known.put("config:read", "Read configuration (secrets masked)");
        known.put("config:write", "Write, import, roll back configuration and schemas");
        known.put("config:secrets:read", "Read secret configuration values in clear");
        known.put("templates:read", "Read templates, locales and message bundles");
        known.put("templates:write", "Write and delete templates and message bundles");
        known.put("templates:render", "Render templates");
        known.put("roles:read", "Read roles, bindings and the tenant's RBAC view");
        known.put("roles:write", "Create, replace and delete roles and bindings");
        known.put("clients:read", "Read OAuth2 clients (never their secrets)");
        known.put("clients:write", "Create and delete OAuth2 clients");
        known.put("keys:read", "Read transit key metadata (never material)");
        known.put("keys:write", "Create and configure transit keys");
        known.put("keys:rotate", "Rotate transit keys");
        known.put("keys:delete", "Delete transit keys");
        known.put("keys:encrypt", "Encrypt, rewrap and generate data keys");
        known.put("keys:decrypt", "Decrypt");
        known.put("kek:read", "Read the master key status");
        known.put("kek:rewrap", "Re-wrap stored key material under the current master key");
        known.put("signing-keys:read", "Read token signing key status");
        known.put("signing-keys:rotate", "Rotate the token signing key");
        known.put("policies:read", "Read the tenant's security policy");
        known.put("policies:write", "Change the tenant's security policy");
        known.put("audit:read", "Search and verify the audit log");
        known.put("compliance:read", "Read compliance reports");
        known.put("authz:check", "Ask for authorization decisions");
        known.put("alerts:read", "Read alerts, rules, silences and notifications");
        known.put("alerts:write", "Write alert rules, routes, channels and silences");
        known.put("alerts:ack", "Acknowledge and resolve alerts");
        known.put("workflows:read", "Read workflow definitions and executions");
        known.put("workflows:write", "Write workflow definitions");
        known.put("workflows:execute", "Start, signal and cancel workflow executions");
        known.put("events:read", "Read events, subscriptions and the dead-letter queue");
        known.put("events:write", "Manage subscriptions and replay dead letters");
        known.put("events:publish", "Publish events");
        return Map.copyOf(known);
    }
}
