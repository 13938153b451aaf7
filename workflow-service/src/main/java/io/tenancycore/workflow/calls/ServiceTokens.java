package io.tenancycore.workflow.calls;

import io.quarkus.oidc.client.runtime.AbstractTokensProducer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * This service's own client-credentials token (the default OIDC client of commons' configuration), kept and renewed
 * before it expires. Only the built-in templates' calls carry it ({@link ServiceCallFilter}).
 */
@ApplicationScoped
public class ServiceTokens extends AbstractTokensProducer {
}
