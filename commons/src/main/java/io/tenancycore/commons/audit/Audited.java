package io.tenancycore.commons.audit;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Audits every call of a mutation: actor, tenant, source ip and trace id come from the request's
 * {@link io.tenancycore.commons.tenant.TenantContext}; the outcome is recorded when the call ends — for a method
 * returning {@code Uni} or {@code CompletionStage}, when that completes. An exception meaning 401/403 is recorded as
 * {@code denied}, any other as {@code failure}.
 */
@InterceptorBinding
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Audited {

    /** E.g. {@code config.update}. */
    @Nonbinding
    String action();

    /** E.g. {@code config}; defaults to the method's class. */
    @Nonbinding
    String resource() default "";
}
