package io.tenancycore.security.crypto;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** The master key (KEK). There is no default: a deployment must give one. */
@ConfigMapping(prefix = "tenancy.security.kek")
public interface KekConfig {

    /** Base64 of 32 random bytes: core.yaml's {@code security.encryption_key}, else env {@code ENCRYPTION_KEY}. */
    @WithDefault("${security.encryption_key:${ENCRYPTION_KEY:}}")
    Optional<String> current();

    /** Earlier master keys (env {@code ENCRYPTION_KEY_PREVIOUS}, comma-separated), kept until everything is re-wrapped. */
    @WithDefault("${ENCRYPTION_KEY_PREVIOUS:}")
    Optional<List<String>> previous();
}
