package io.tenancycore.security.rbac;

import java.util.List;

/** The roles every new tenant starts with. */
public final class DefaultRoles {

    public static final String TENANT_ADMIN = "tenant-admin";
    public static final String TENANT_USER = "tenant-user";
    public static final String AUDITOR = "auditor";

    public static final List<Role> ALL = List.of(
            new Role(TENANT_ADMIN, List.of("*"), "Full control of the tenant", true),
            new Role(TENANT_USER, List.of("config:read", "templates:read", "templates:render", "alerts:read",
                    "alerts:ack", "workflows:read", "workflows:execute", "events:read", "events:publish",
                    "keys:read", "keys:encrypt", "keys:decrypt"), "Everyday use of the tenant's services", true),
            new Role(AUDITOR, List.of("audit:read", "compliance:read", "*:read"), "Read-only auditor", true));

    private DefaultRoles() {
    }
}
