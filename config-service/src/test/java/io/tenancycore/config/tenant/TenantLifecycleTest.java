package io.tenancycore.config.tenant;

import io.tenancycore.commons.events.TenantEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class TenantLifecycleTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void onlyTheDocumentedTransitionsAreAllowed() {
        assertTrue(TenantStatus.PROVISIONING.canBecome(TenantStatus.ACTIVE));
        assertTrue(TenantStatus.ACTIVE.canBecome(TenantStatus.SUSPENDED));
        assertTrue(TenantStatus.SUSPENDED.canBecome(TenantStatus.ACTIVE));
        assertTrue(TenantStatus.SUSPENDED.canBecome(TenantStatus.DELETED));
        assertFalse(TenantStatus.PROVISIONING.canBecome(TenantStatus.SUSPENDED));
        assertFalse(TenantStatus.ACTIVE.canBecome(TenantStatus.PROVISIONING));
        assertTrue(TenantStatus.PROVISIONING.canBecome(TenantStatus.FAILED));
        assertTrue(TenantStatus.FAILED.canBecome(TenantStatus.PROVISIONING));
        assertTrue(TenantStatus.FAILED.canBecome(TenantStatus.DELETED));
        assertFalse(TenantStatus.FAILED.canBecome(TenantStatus.ACTIVE));
        assertFalse(TenantStatus.ACTIVE.canBecome(TenantStatus.FAILED));
        assertEquals(TenantEvents.FAILED, TenantStatus.FAILED.eventType());
        for (TenantStatus any : TenantStatus.values()) {
            assertFalse(TenantStatus.DELETED.canBecome(any));
        }
        assertEquals(TenantEvents.SUSPENDED, TenantStatus.SUSPENDED.eventType());
        assertEquals("active", TenantStatus.ACTIVE.wireName());
    }

    @Test
    void mergePatchReplacesMergesAndRemoves() throws Exception {
        ObjectNode target = (ObjectNode) mapper.readTree("""
                {"name": "a", "features": ["sso"], "meta": {"x": 1, "y": 2}, "gone": true}""");
        TenantService.mergePatch(target, mapper.readTree("""
                {"name": "b", "features": ["webhooks"], "meta": {"y": null, "z": 3}, "gone": null}"""));
        assertEquals(mapper.readTree("""
                {"name": "b", "features": ["webhooks"], "meta": {"x": 1, "z": 3}}"""), target);
    }
}
