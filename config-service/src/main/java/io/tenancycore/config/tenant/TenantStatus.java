package io.tenancycore.config.tenant;

import io.tenancycore.commons.events.TenantEvents;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lifecycle of a tenant: provisioning → active ⇄ suspended → deleted (deleted is final). A provisioning that failed
 * (and was undone) leaves the tenant failed; setting it back to provisioning announces a new registration, which starts
 * the provisioning again.
 */
public enum TenantStatus {
    PROVISIONING, ACTIVE, SUSPENDED, FAILED, DELETED;

    private static final Map<TenantStatus, Set<TenantStatus>> ALLOWED = Map.of(
            PROVISIONING, Set.of(ACTIVE, FAILED, DELETED),
            FAILED, Set.of(PROVISIONING, DELETED),
            ACTIVE, Set.of(SUSPENDED, DELETED),
            SUSPENDED, Set.of(ACTIVE, DELETED),
            DELETED, Set.of());

    public boolean canBecome(TenantStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    /** The CloudEvent type announcing that a tenant entered this status. */
    public String eventType() {
        return switch (this) {
            case PROVISIONING -> TenantEvents.REGISTERED;
            case ACTIVE -> TenantEvents.ACTIVATED;
            case SUSPENDED -> TenantEvents.SUSPENDED;
            case FAILED -> TenantEvents.FAILED;
            case DELETED -> TenantEvents.DELETED;
        };
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TenantStatus fromWireName(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown status " + value));
    }

    public static Optional<TenantStatus> parse(String value) {
        for (TenantStatus status : values()) {
            if (status.wireName().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
