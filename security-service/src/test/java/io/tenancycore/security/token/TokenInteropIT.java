package io.tenancycore.security.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.tenancycore.commons.testsupport.RealBroker;
import io.tenancycore.security.support.TestTokens;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/**
 * Another service verifies our tokens the way commons configures every service: smallrye-jwt against the JWKS
 * over HTTP. A real token is accepted; the same token with one claim changed is not.
 */
@QuarkusTest
@TestProfile(RealBroker.class)
class TokenInteropIT {

    @TestHTTPResource("/.well-known/jwks.json")
    URL jwks;

    @Test
    void anotherServiceAcceptsOurTokenAndRejectsItTampered() throws Exception {
        String tenant = TestTokens.uniqueTenant("interop");
        String token = TestTokens.tenantToken(tenant, List.of("tenant-user"));
        JWTAuthContextInfo context = new JWTAuthContextInfo(jwks.toString(), "tenancy-core");
        DefaultJWTParser otherService = new DefaultJWTParser(context);

        JsonWebToken verified = otherService.parse(token);
        assertEquals(tenant, verified.getClaim("tenant_id"));
        assertEquals(java.util.Set.of("tenant-user"), verified.getGroups());

        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("tenant-user", "tenant-admin");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThrows(ParseException.class, () -> otherService.parse(tampered));

        JWTAuthContextInfo wrongIssuer = new JWTAuthContextInfo(jwks.toString(), "someone-else");
        assertThrows(ParseException.class, () -> new DefaultJWTParser(wrongIssuer).parse(token));
    }

    @Test
    void otherServicesTellTheirAudienceFromOthers() throws Exception {
        String tenant = TestTokens.uniqueTenant("interop");
        String tenantToken = TestTokens.tenantToken(tenant, List.of("tenant-user"));
        String templateService = TestTokens.service("template-service");
        // how commons makes every service check aud: the platform audience or its own name
        JWTAuthContextInfo alerts = new JWTAuthContextInfo(jwks.toString(), "tenancy-core");
        alerts.setExpectedAudience(java.util.Set.of("tenancy-core", "alert-service"));
        JWTAuthContextInfo config = new JWTAuthContextInfo(jwks.toString(), "tenancy-core");
        config.setExpectedAudience(java.util.Set.of("tenancy-core", "config-service"));

        assertEquals(tenant, new DefaultJWTParser(alerts).parse(tenantToken).getClaim("tenant_id"));
        // a service identity's token is for the services it calls only
        assertThrows(ParseException.class, () -> new DefaultJWTParser(alerts).parse(templateService));
        JsonWebToken atConfig = new DefaultJWTParser(config).parse(templateService);
        assertEquals("roles:read tenants:read", atConfig.getClaim("scope"));
    }
}
