package io.tenancycore.security.tenants;

import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.security.token.TokenIssuer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Adds security-service's own bearer token to its calls to config-service: a short token it signs itself that may
 * only read tenants, for config-service only ({@code scope tenants:read}, {@code aud config-service}). Renewed a
 * minute before it expires.
 */
@Singleton
public class SelfSignedServiceToken implements ClientRequestFilter {

    static final String SUBJECT = "security-service";
    static final String SCOPE = "tenants:read";
    static final String AUDIENCE = "config-service";
    static final Duration TOKEN_TTL = Duration.ofMinutes(5);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

    private final TokenIssuer issuer;
    private final AtomicReference<TokenIssuer.IssuedToken> current = new AtomicReference<>();

    public SelfSignedServiceToken(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token());
    }

    String token() {
        TokenIssuer.IssuedToken token = current.get();
        if (token == null || token.expiresAt().isBefore(Instant.now().plus(RENEW_BEFORE))) {
            token = issuer.issue(new TokenIssuer.Grant(SUBJECT, null, List.of(TenantContext.SERVICE_ROLE),
                    List.of(AUDIENCE), List.of(SCOPE)), TOKEN_TTL);
            current.set(token);
        }
        return token.token();
    }
}
