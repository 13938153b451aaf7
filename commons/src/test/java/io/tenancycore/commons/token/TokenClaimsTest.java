package io.tenancycore.commons.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

class TokenClaimsTest {

    @Test
    void readsTenantAndScopeOfATenantToken() {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("admin@acme");
        claims.setClaim(TokenClaims.TENANT_CLAIM, "acme");
        claims.setClaim(TokenClaims.SCOPE_CLAIM, "  config:read   config:write ");
        DefaultJWTCallerPrincipal token = new DefaultJWTCallerPrincipal(claims);

        assertEquals("acme", TokenClaims.tenantId(token));
        assertEquals(Set.of("config:read", "config:write"), TokenClaims.scopes(token));
    }

    @Test
    void aPlatformTokenHasNoTenantAndNoScope() {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("platform-admin");
        DefaultJWTCallerPrincipal token = new DefaultJWTCallerPrincipal(claims);

        assertNull(TokenClaims.tenantId(token));
        assertEquals(Set.of(), TokenClaims.scopes(token));
    }

    @Test
    void readsTheClaimsOncePerTokenObjectAndSeparatelyForEqualLookingTokens() {
        AtomicInteger reads = new AtomicInteger();
        JwtClaims claims = new JwtClaims();
        claims.setSubject("svc");
        claims.setClaim(TokenClaims.TENANT_CLAIM, "acme");
        DefaultJWTCallerPrincipal counted = new DefaultJWTCallerPrincipal(claims) {
            @Override
            protected Object getClaimValue(String claimName) {
                reads.incrementAndGet();
                return super.getClaimValue(claimName);
            }
        };
        assertEquals("acme", TokenClaims.tenantId(counted));
        int readsForFirstCall = reads.get();
        for (int i = 0; i < 100; i++) {
            assertEquals("acme", TokenClaims.tenantId(counted));
            TokenClaims.scopes(counted);
        }
        assertEquals(readsForFirstCall, reads.get(), "the token's claims are read once, not per call");

        JwtClaims other = new JwtClaims();
        other.setSubject("svc");
        other.setClaim(TokenClaims.TENANT_CLAIM, "globex");
        assertEquals("globex", TokenClaims.tenantId(new DefaultJWTCallerPrincipal(other)),
                "another token object is read for itself (identity, not equality)");
    }

    @Test
    void scopeIsSplitOnAnyWhitespace() {
        assertEquals(Set.of("a", "b", "c"), TokenClaims.parseScope("a\tb\n c"));
        assertEquals(Set.of(), TokenClaims.parseScope("   "));
        assertEquals(Set.of(), TokenClaims.parseScope(null));
    }
}
