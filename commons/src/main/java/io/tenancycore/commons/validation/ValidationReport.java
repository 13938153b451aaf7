package io.tenancycore.commons.validation;

import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The outcome of validating a document: valid, or every error found (never just the first). */
public record ValidationReport(boolean valid, List<ValidationError> errors) {

    private static final ValidationReport OK = new ValidationReport(true, List.of());

    public ValidationReport {
        errors = List.copyOf(errors);
        if (valid != errors.isEmpty()) {
            throw new IllegalArgumentException("a report is valid exactly when it has no errors");
        }
    }

    public static ValidationReport ok() {
        return OK;
    }

    public static ValidationReport of(Collection<ValidationError> errors) {
        return errors.isEmpty() ? OK : new ValidationReport(false, List.copyOf(errors));
    }

    public static ValidationReport error(String pointer, String message, String keyword) {
        return of(List.of(new ValidationError(pointer, message, keyword)));
    }

    public ValidationReport merge(ValidationReport other) {
        if (other.valid()) {
            return this;
        }
        List<ValidationError> all = new ArrayList<>(errors);
        all.addAll(other.errors());
        return of(all);
    }

    public static ValidationReport mergeAll(Collection<ValidationReport> reports) {
        return reports.stream().reduce(OK, ValidationReport::merge);
    }

    public List<Violation> violations() {
        return errors.stream().map(ValidationError::toViolation).toList();
    }

    /** Throws a 422 problem listing every error unless the report is valid. */
    public void orThrow(String what) {
        if (!valid) {
            throw ProblemException.unprocessable(what + " has " + errors.size()
                    + (errors.size() == 1 ? " error." : " errors."), violations());
        }
    }
}
