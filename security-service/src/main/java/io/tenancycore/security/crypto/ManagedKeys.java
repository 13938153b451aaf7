package io.tenancycore.security.crypto;

import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.security.rbac.Caller;
import io.tenancycore.security.rbac.Callers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Keys a service keeps in every tenant for its own use ({@code tenancy.security.transit.managed-keys."<name>"=
 * <service>}; config-service's {@code config-secrets} holds the tenant's secret configuration). The tenant's own
 * callers cannot create one first, reconfigure, rotate or delete it, nor encrypt or decrypt with it (that would
 * bypass {@code config:secrets:read}): only the managing service does, and platform-admin may change it. Reading its
 * metadata stays open to {@code keys:read}.
 */
@ApplicationScoped
public class ManagedKeys {

    public static final String TYPE = "urn:tenancycore:problem:security:service-managed-key";

    @Inject
    TransitConfig config;
    @Inject
    Callers callers;

    /** The service managing a key of that name, if any. */
    public Optional<String> managerOf(String name) {
        return Optional.ofNullable(config.managedKeys().get(name));
    }

    /** Creating, configuring, rotating, deleting: the managing service or platform-admin. */
    public void requireMayChange(String name) {
        managerOf(name).ifPresent(service -> {
            Caller caller = callers.current();
            if (!caller.isPlatformAdmin() && !isService(caller, service)) {
                throw refused(name, service);
            }
        });
    }

    /** Encrypting, decrypting, rewrapping, data keys: the managing service only. */
    public void requireMayUse(String name) {
        managerOf(name).ifPresent(service -> {
            if (!isService(callers.current(), service)) {
                throw refused(name, service);
            }
        });
    }

    private static boolean isService(Caller caller, String service) {
        return caller.isPlatformClient() && service.equals(caller.subject());
    }

    private static ProblemException refused(String name, String service) {
        return ProblemException.forbidden(TYPE, "Key '" + name + "' is managed by " + service + " for its own use in "
                + "every tenant; only that service uses or changes it.");
    }
}
