package io.tenancycore.commons.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A quota: a whole number from 1 to {@link #max()}. Null is valid. */
@Documented
@Constraint(validatedBy = QuotaValidator.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE,
        ElementType.ANNOTATION_TYPE })
public @interface Quota {

    /** Upper bound, inclusive. The default is the largest cap of any plan. */
    long max() default PlanCaps.LARGEST_QUOTA;

    String message() default "must be between 1 and {max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
