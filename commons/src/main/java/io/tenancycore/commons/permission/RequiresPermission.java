package io.tenancycore.commons.permission;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The caller must hold every listed permission ({@code resource:action}, e.g. {@code config:read}) for the
 * request's tenant. On a class it applies to every business method; an annotation on a method replaces the
 * class's. No authenticated caller → 401; a missing permission → 403 naming it.
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface RequiresPermission {

    @Nonbinding
    String[] value();
}
