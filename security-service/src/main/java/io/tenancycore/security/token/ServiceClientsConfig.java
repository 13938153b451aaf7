package io.tenancycore.security.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each service identity may do ({@code tenancy.service-clients."<client id>".*}): its tokens carry these
 * permissions as the {@code scope} claim and these services as {@code aud}. A service client without an entry gets
 * no scope, so no permission anywhere.
 */
@ConfigMapping(prefix = "tenancy.service-clients")
public interface ServiceClientsConfig {

    /** Every service reads role grants from security-service and tenant status from config-service. */
    String DEFAULT_AUDIENCES = "security-service,config-service";

    @WithParentName
    Map<String, ServiceClient> clients();

    interface ServiceClient {

        /** The permissions the service needs, e.g. {@code keys:encrypt,keys:decrypt,roles:read}; never {@code *}. */
        Optional<List<String>> permissions();

        /** The services it calls (their {@code quarkus.application.name}); never the platform audience. */
        @WithDefault(DEFAULT_AUDIENCES)
        List<String> audiences();
    }
}
