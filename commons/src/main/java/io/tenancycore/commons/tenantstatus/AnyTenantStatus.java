package io.tenancycore.commons.tenantstatus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that serves a tenant whatever its status (the registry itself), so {@link TenantStatusFilter}
 * lets it through.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AnyTenantStatus {
}
