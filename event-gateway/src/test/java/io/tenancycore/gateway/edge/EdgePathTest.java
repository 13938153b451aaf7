package io.tenancycore.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EdgePathTest {

    @Test
    void takesTheServiceOffAndKeepsPathAndQuery() {
        EdgePath path = EdgePath.parse("/api/config/v1/tenants/acme/config", "env=prod&limit=5").orElseThrow();
        assertEquals("config", path.service());
        assertEquals("/v1/tenants/acme/config?env=prod&limit=5", path.upstreamUri());
        assertEquals("acme", path.tenantSegment());
    }

    @Test
    void aPathWithoutTenantHasNone() {
        EdgePath path = EdgePath.parse("/api/security/v1/auth/token", null).orElseThrow();
        assertEquals("/v1/auth/token", path.upstreamUri());
        assertNull(path.tenantSegment());
        assertEquals("/api/security/**", path.routeLabel());
    }

    @Test
    void theTenantCollectionItselfIsTenantScoped() {
        EdgePath path = EdgePath.parse("/api/config/v1/tenants/acme", "").orElseThrow();
        assertEquals("acme", path.tenantSegment());
        assertEquals("/v1/tenants/acme", path.upstreamUri());
        assertEquals("/api/config/v1/tenants/{tenantId}/**", path.routeLabel());
    }

    @Test
    void theRegistrysValidateActionIsNoTenant() {
        EdgePath validate = EdgePath.parse("/api/config/v1/tenants/validate", null).orElseThrow();
        assertNull(validate.tenantSegment());
        assertEquals("/v1/tenants/validate", validate.upstreamUri());
        // below it, "validate" is a tenant id like any other
        assertEquals("validate", EdgePath.parse("/api/config/v1/tenants/validate/config", null).orElseThrow()
                .tenantSegment());
    }

    @Test
    void theServiceRootBecomesSlash() {
        assertEquals("/", EdgePath.parse("/api/workflows", null).orElseThrow().upstreamUri());
    }

    @Test
    void pathsOutsideApiAreNotEdgePaths() {
        assertTrue(EdgePath.parse("/q/health", null).isEmpty());
        assertTrue(EdgePath.parse("/api", null).isEmpty());
        assertTrue(EdgePath.parse("/apix/config", null).isEmpty());
    }
}
