package io.tenancycore.commons.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class QuotaValidator implements ConstraintValidator<Quota, Number> {

    private long max;

    @Override
    public void initialize(Quota quota) {
        this.max = quota.max();
    }

    @Override
    public boolean isValid(Number value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        if (value.doubleValue() != Math.rint(value.doubleValue())) {
            return false;
        }
        return value.longValue() >= 1 && value.longValue() <= max;
    }
}
