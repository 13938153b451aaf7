package io.tenancycore.commons.validation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Set;

/** Checks {@link FeatureName} against the configured catalog (the built-in one outside CDI). */
@ApplicationScoped
public class FeatureNameValidator implements ConstraintValidator<FeatureName, String> {

    private final Set<String> catalog;

    @Inject
    public FeatureNameValidator(TenantRules rules) {
        this.catalog = rules.features();
    }

    public FeatureNameValidator() {
        this(TenantRules.defaults());
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || catalog.contains(value)) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate("must be one of " + String.join(", ", catalog.stream().sorted().toList()))
                .addConstraintViolation();
        return false;
    }
}
