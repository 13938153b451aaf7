package io.tenancycore.commons.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A feature of the catalog {@code tenancy.tenants.features}. Null is valid. */
@Documented
@Constraint(validatedBy = FeatureNameValidator.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE,
        ElementType.ANNOTATION_TYPE })
public @interface FeatureName {

    String message() default "must be a known feature";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
