package io.tenancycore.security.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.tenancycore.security.support.TestTokens;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * security-service's own token for its tenant lookups at config-service: it may read tenants, at config-service
 * only, and names no tenant; it is reused until shortly before it expires.
 */
@QuarkusTest
class SelfSignedServiceTokenTest {

    @Inject
    SelfSignedServiceToken tokens;

    @Test
    void theTokenMayOnlyReadTenantsAtConfigService() {
        String token = tokens.token();
        Map<String, Object> claims = TestTokens.claims(token);
        assertEquals("security-service", claims.get("sub"));
        assertEquals("tenancy-core", claims.get("iss"));
        assertEquals(List.of("config-service"), List.of(claims.get("aud")).stream()
                .flatMap(aud -> aud instanceof List<?> list ? list.stream() : java.util.stream.Stream.of(aud))
                .toList());
        assertEquals("tenants:read", claims.get("scope"));
        assertEquals(List.of("service"), claims.get("groups"));
        assertFalse(claims.containsKey("tenant_id"));
        assertEquals(token, tokens.token(), "reused while it is far from expiry");
    }
}
