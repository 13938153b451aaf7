package io.tenancycore.commons.tenantstatus;

import io.tenancycore.commons.events.TenantEvents;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a tenant is in its lifecycle, as every service sees it (config-service owns the lifecycle and announces each
 * step on {@code tenancy.tenants}). {@link #UNKNOWN}: nobody registered the tenant.
 */
public enum TenantStatus {
    PROVISIONING, ACTIVE, SUSPENDED, FAILED, DELETED, UNKNOWN;

    /** The status a {@code tenancy.tenants} event announces, if its type names one. */
    public static Optional<TenantStatus> announcedBy(String eventType) {
        if (eventType == null) {
            return Optional.empty();
        }
        return switch (eventType) {
            case TenantEvents.REGISTERED -> Optional.of(PROVISIONING);
            case TenantEvents.ACTIVATED -> Optional.of(ACTIVE);
            case TenantEvents.SUSPENDED -> Optional.of(SUSPENDED);
            case TenantEvents.DELETED -> Optional.of(DELETED);
            case TenantEvents.FAILED -> Optional.of(FAILED);
            default -> Optional.empty();
        };
    }

    /** The status of config-service's wire name ({@code active}, ...); {@link #UNKNOWN} for anything else. */
    public static TenantStatus ofWireName(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** Whether the tenant's own clients may use the platform. */
    public boolean servesTenantClients() {
        return this == ACTIVE || this == PROVISIONING;
    }
}
