package io.tenancycore.security.rbac;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

@ConfigMapping(prefix = "tenancy.security.rbac")
public interface RbacConfig {

    /** Platform roles carried in tokens without a tenant; they hold every permission in every tenant. */
    @WithDefault("platform-admin,service")
    List<String> platformRoles();
}
