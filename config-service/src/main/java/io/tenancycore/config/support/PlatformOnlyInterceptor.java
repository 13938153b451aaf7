package io.tenancycore.config.support;

import io.tenancycore.commons.tenant.TenantContext;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Enforces {@link PlatformOnly}. Its priority puts it right after commons' permission interceptor
 * ({@code PLATFORM_BEFORE + 300}) and well before Quarkus' endpoint validation ({@code PLATFORM_AFTER + 800}).
 */
@PlatformOnly
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 310)
public class PlatformOnlyInterceptor {

    @Inject
    TenantContext caller;

    @AroundInvoke
    Object check(InvocationContext invocation) throws Exception {
        Callers.requirePlatform(caller);
        return invocation.proceed();
    }
}
