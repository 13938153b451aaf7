package io.tenancycore.security.tenants;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.commons.tenantstatus.CachedTenantDirectory;
import io.tenancycore.commons.tenantstatus.TenantDirectory;
import io.tenancycore.commons.tenantstatus.TenantRegistryApi;
import io.tenancycore.commons.tenantstatus.TenantStatus;
import io.tenancycore.commons.tenantstatus.TenantStatusConfig;
import io.tenancycore.security.token.TokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * security-service asks config-service for tenant statuses like every service, but it is the token issuer and has no
 * client secret of its own: it signs itself a short service token that may only read tenants, for config-service
 * only ({@code scope tenants:read}, {@code aud config-service}).
 */
@ApplicationScoped
public class SelfSignedTenantDirectory {

    static final String SUBJECT = "security-service";
    static final String SCOPE = "tenants:read";
    static final Duration TOKEN_TTL = Duration.ofMinutes(5);

    private final AtomicReference<TokenIssuer.IssuedToken> current = new AtomicReference<>();

    @Produces
    @Singleton
    TenantDirectory tenantDirectory(TenantStatusConfig config, TokenIssuer issuer,
            @ConfigProperty(name = "quarkus.rest-client.config-service.url", defaultValue = "http://localhost:8081")
            String configServiceUrl) {
        if (config.source() == TenantStatusConfig.Source.NONE) {
            return TenantDirectory.EVERY_TENANT_ACTIVE;
        }
        TenantRegistryApi registry = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(configServiceUrl))
                .connectTimeout(2, java.util.concurrent.TimeUnit.SECONDS).build(TenantRegistryApi.class);
        return new CachedTenantDirectory(CachedTenantDirectory.registryLookup(registry,
                () -> Uni.createFrom().item(() -> "Bearer " + token(issuer))), config);
    }

    private String token(TokenIssuer issuer) {
        TokenIssuer.IssuedToken token = current.get();
        if (token == null || token.expiresAt().isBefore(Instant.now().plusSeconds(60))) {
            token = issuer.issue(new TokenIssuer.Grant(SUBJECT, null, List.of(TenantContext.SERVICE_ROLE),
                    List.of("config-service"), List.of(SCOPE)), TOKEN_TTL);
            current.set(token);
        }
        return token.token();
    }
}
