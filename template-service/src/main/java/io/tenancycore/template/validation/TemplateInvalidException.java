package io.tenancycore.template.validation;

import java.util.List;

/** A template was refused on save; each problem has its locale, part, line and column. */
public class TemplateInvalidException extends RuntimeException {

    private final List<TemplateProblem> problems;

    public TemplateInvalidException(List<TemplateProblem> problems) {
        super("The template has " + problems.size() + " problem(s).", null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<TemplateProblem> problems() {
        return problems;
    }
}
