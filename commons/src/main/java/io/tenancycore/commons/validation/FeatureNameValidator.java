package io.tenancycore.commons.validation;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Set;

/**
 * Checks {@link FeatureName} against the configured catalog. Quarkus creates validators while it starts, before
 * runtime configuration exists, so the catalog is looked up on first use; outside a running Quarkus the built-in
 * catalog applies.
 */
public class FeatureNameValidator implements ConstraintValidator<FeatureName, String> {

    private volatile Set<String> catalog;

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        Set<String> known = catalog();
        if (known.contains(value)) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate("must be one of " + String.join(", ", known.stream().sorted().toList()))
                .addConstraintViolation();
        return false;
    }

    private Set<String> catalog() {
        Set<String> known = catalog;
        if (known == null) {
            ArcContainer container = Arc.container();
            known = container != null && container.isRunning()
                    ? container.instance(TenantRules.class).get().features()
                    : TenantRules.DEFAULT_FEATURES;
            catalog = known;
        }
        return known;
    }
}
