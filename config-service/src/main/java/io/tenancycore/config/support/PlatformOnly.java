package io.tenancycore.config.support;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Platform-wide operations: platform admins and services only ({@link Callers#requirePlatform}). Decided by
 * {@link PlatformOnlyInterceptor} after {@code @RequiresPermission} and before the request body is validated, so a
 * tenant's attempt is a 403 (and audited as a refusal) whatever it sends, never a 422 that describes the body.
 */
@InterceptorBinding
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlatformOnly {
}
