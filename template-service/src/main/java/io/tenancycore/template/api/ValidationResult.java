package io.tenancycore.template.api;

import io.tenancycore.template.validation.TemplateProblem;
import java.util.List;

/** Answer of {@code POST .../validate}. */
public record ValidationResult(boolean valid, List<TemplateProblem> problems) {
}
