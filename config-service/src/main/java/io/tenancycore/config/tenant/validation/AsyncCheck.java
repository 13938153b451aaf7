package io.tenancycore.config.tenant.validation;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.validation.ValidationReport;
import java.util.List;

/**
 * A validation rule that needs I/O (e.g. "tenant id not taken yet" against Redis). {@link #all} runs several
 * concurrently and merges every error; a check that fails with an exception fails the whole validation, since
 * "could not check" is not "valid".
 */
@FunctionalInterface
public interface AsyncCheck<T> {

    Uni<ValidationReport> check(T subject);

    static Uni<ValidationReport> all(List<Uni<ValidationReport>> checks) {
        if (checks.isEmpty()) {
            return Uni.createFrom().item(ValidationReport.ok());
        }
        return Uni.join().all(checks).andFailFast().map(ValidationReport::mergeAll);
    }

    @SafeVarargs
    static <T> Uni<ValidationReport> all(T subject, AsyncCheck<? super T>... checks) {
        return all(java.util.Arrays.stream(checks).map(check -> check.check(subject)).toList());
    }
}
