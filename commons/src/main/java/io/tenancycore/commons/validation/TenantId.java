package io.tenancycore.commons.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A tenant id as DESIGN.md fixes it: lowercase letter first, then 2–62 of {@code [a-z0-9_-]}. Null is valid. */
@Documented
@Pattern(regexp = TenantId.PATTERN)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE,
        ElementType.ANNOTATION_TYPE })
public @interface TenantId {

    String PATTERN = io.tenancycore.commons.tenant.TenantIds.PATTERN;

    String message() default "must be a tenant id: a lowercase letter, then 2 to 62 of a-z, 0-9, _ or -";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
