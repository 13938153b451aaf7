package io.tenancycore.commons.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code tenancy.audit.*}; follows the environment's {@code security.audit_enabled} (core.yaml) unless set. */
@ConfigMapping(prefix = "tenancy.audit")
public interface AuditConfig {

    @WithDefault("${security.audit_enabled:true}")
    boolean enabled();

    /** Publishing attempts before a record is declared lost (a broker that is briefly unavailable). */
    @WithDefault("5")
    int publishAttempts();

    /** First pause between attempts; doubles up to ten times this. */
    @WithDefault("200ms")
    java.time.Duration retryBackoff();
}
