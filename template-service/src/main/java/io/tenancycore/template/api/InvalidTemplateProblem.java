package io.tenancycore.template.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.template.validation.TemplateProblem;
import java.util.List;

/**
 * The RFC 9457 problem of a refused template: the usual members, {@code violations} as every service reports them
 * ({@code field} = {@code locales.<locale>.<part>}), and the extension {@code problems} with line and column.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record InvalidTemplateProblem(String type, String title, int status, String detail, String instance,
        List<Violation> violations, List<TemplateProblem> problems) {
}
