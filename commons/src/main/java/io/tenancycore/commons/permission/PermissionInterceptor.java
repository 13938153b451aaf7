package io.tenancycore.commons.permission;

import io.quarkus.arc.Arc;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.tenant.TenantContext;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces {@link RequiresPermission}. For methods returning {@link Uni} or {@link CompletionStage} the check runs
 * before the method's pipeline is built and a refusal is a failed Uni/stage; other methods (which Quarkus REST runs
 * on worker threads) wait for the lookup.
 */
@RequiresPermission({})
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class PermissionInterceptor {

    /** Read by reflection once per method, not on every call. */
    private static final Map<Method, List<String>> REQUIRED = new ConcurrentHashMap<>();

    @Inject
    CallerPermissions callerPermissions;
    @Inject
    TenantContext tenantContext;
    @Inject
    PermissionsConfig config;

    @AroundInvoke
    Object check(InvocationContext invocation) throws Exception {
        List<String> required = REQUIRED.computeIfAbsent(invocation.getMethod(),
                PermissionInterceptor::requiredPermissions);
        Class<?> returnType = invocation.getMethod().getReturnType();
        Set<String> known = knownPermissions();
        if (known != null) {
            // decided at once (fixed mapping or a cached view): no pipeline to build, the common case
            Optional<String> missing = PermissionMatcher.firstMissing(known, required);
            return missing.isPresent() ? refuse(denied(missing.get()), returnType) : proceed(invocation, returnType);
        }
        Uni<Void> decision = decide(required);
        if (Uni.class.isAssignableFrom(returnType)) {
            return decision.chain(() -> proceedAsUni(invocation));
        }
        if (CompletionStage.class.isAssignableFrom(returnType)) {
            return decision.chain(() -> Uni.createFrom().completionStage(() -> proceedAsStage(invocation)))
                    .subscribeAsCompletionStage();
        }
        decision.await().atMost(config.blockingLookupTimeout());
        return invocation.proceed();
    }

    /** The authenticated caller's permissions when known without waiting; {@code null} otherwise. */
    private Set<String> knownPermissions() {
        TenantContext caller = currentCaller();
        return caller == null || !caller.isAuthenticated() ? null : callerPermissions.known(caller);
    }

    private static Object refuse(ProblemException refusal, Class<?> returnType) {
        if (Uni.class.isAssignableFrom(returnType)) {
            return Uni.createFrom().failure(refusal);
        }
        if (CompletionStage.class.isAssignableFrom(returnType)) {
            return CompletableFuture.failedFuture(refusal);
        }
        throw refusal;
    }

    private static Object proceed(InvocationContext invocation, Class<?> returnType) throws Exception {
        if (Uni.class.isAssignableFrom(returnType)) {
            return proceedAsUni(invocation);
        }
        if (CompletionStage.class.isAssignableFrom(returnType)) {
            return proceedAsStage(invocation);
        }
        return invocation.proceed();
    }

    private Uni<Void> decide(List<String> required) {
        TenantContext caller = currentCaller();
        if (caller == null || !caller.isAuthenticated()) {
            return Uni.createFrom().failure(new UnauthorizedException());
        }
        return callerPermissions.of(caller).onItem().transformToUni(granted -> verdict(granted, required));
    }

    private static Uni<Void> verdict(Set<String> granted, List<String> required) {
        return PermissionMatcher.firstMissing(granted, required)
                .<Uni<Void>>map(missing -> Uni.createFrom().failure(denied(missing)))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    private static ProblemException denied(String missing) {
        return ProblemException.forbidden(ProblemTypes.PERMISSION_DENIED, "Missing permission '" + missing + "'.");
    }

    private TenantContext currentCaller() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        // the injected client proxy: resolving the bean through the container on every call showed in profiles
        return tenantContext;
    }

    @SuppressWarnings("unchecked")
    private static Uni<Object> proceedAsUni(InvocationContext invocation) {
        try {
            return (Uni<Object>) invocation.proceed();
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static CompletionStage<Object> proceedAsStage(InvocationContext invocation) {
        try {
            return (CompletionStage<Object>) invocation.proceed();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    static List<String> requiredPermissions(Method method) {
        RequiresPermission annotation = method.getAnnotation(RequiresPermission.class);
        if (annotation == null) {
            annotation = findOnClass(method.getDeclaringClass());
        }
        return annotation == null ? List.of() : List.of(annotation.value());
    }

    private static RequiresPermission findOnClass(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            RequiresPermission annotation = current.getAnnotation(RequiresPermission.class);
            if (annotation != null) {
                return annotation;
            }
        }
        return null;
    }
}
