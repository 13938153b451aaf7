package io.tenancycore.commons.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code tenancy.audit.*}; follows the environment's {@code security.audit_enabled} (core.yaml) unless set. */
@ConfigMapping(prefix = "tenancy.audit")
public interface AuditConfig {

    @WithDefault("${security.audit_enabled:true}")
    boolean enabled();
}
