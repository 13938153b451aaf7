package io.tenancycore.template.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenancycore.template.model.LocalizedContent;
import io.tenancycore.template.model.TemplateDraft;
import io.tenancycore.template.engine.RenderLimits;
import io.tenancycore.template.engine.SafeTemplateEngine;
import io.tenancycore.template.messages.BuiltinMessages;
import io.tenancycore.template.messages.TenantMessages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateValidatorTest {

    private final TemplateValidator validator = new TemplateValidator(
            new SafeTemplateEngine(new RenderLimits(1000, 100, Duration.ofSeconds(1))));
    private final TenantMessages messages = new TenantMessages(Map.of("fr", Map.of("own_key", "à moi")),
            BuiltinMessages.load());

    private List<TemplateProblem> validate(List<String> parameters, String locale, String subject, String body) {
        TemplateDraft draft = new TemplateDraft(null, null, parameters,
                Map.of(locale, new LocalizedContent(subject, body)));
        return validator.validate("t", draft, messages, "en");
    }

    @Test
    void aValidTemplateHasNoProblems() {
        assertEquals(List.of(), validate(List.of("user", "items"), "fr", "{msg:welcome_subject(user)}",
                "{msg:own_key} {#for item in items}{item.name}{item_index}{/for}{#each items}{it}{/each}"
                        + "{#let total=items.size}{total}{/let}{fmt:date(user.since)}{user.name ?: 'x'}"));
    }

    @Test
    void syntaxErrorsCarryLineAndColumn() {
        List<TemplateProblem> problems = validate(null, "en", null, "first line\n  {#if x}never closed");
        assertEquals(1, problems.size());
        TemplateProblem problem = problems.get(0);
        assertEquals(TemplateProblem.SYNTAX, problem.code());
        assertEquals(2, problem.line());
        assertTrue(problem.column() > 0);
        assertEquals("locales.en.body", problem.field());
    }

    @Test
    void unknownMessageKeysAreReportedWherever_theyAre() {
        List<TemplateProblem> problems = validate(null, "de", "{msg:nope}", "ok\n{msg:own_key}");
        // own_key exists only in the tenant's French bundle: not in de's chain (de → en)
        assertEquals(2, problems.size());
        assertEquals(List.of(TemplateProblem.UNKNOWN_MESSAGE_KEY, TemplateProblem.UNKNOWN_MESSAGE_KEY),
                problems.stream().map(TemplateProblem::code).toList());
        TemplateProblem inBody = problems.stream().filter(p -> "body".equals(p.part())).findFirst().orElseThrow();
        assertEquals(2, inBody.line());
        assertEquals(1, inBody.column());
    }

    @Test
    void undeclaredDataIsRefusedWhenParametersAreDeclared() {
        List<TemplateProblem> problems = validate(List.of("user"), "en", null,
                "{user}\n   {secret}\n{msg:welcome_greeting(password)}\n{data:other}");
        assertEquals(List.of(TemplateProblem.UNDECLARED_PARAMETER, TemplateProblem.UNDECLARED_PARAMETER,
                TemplateProblem.UNDECLARED_PARAMETER), problems.stream().map(TemplateProblem::code).toList());
        assertEquals(List.of(2, 3, 4), problems.stream().map(TemplateProblem::line).toList());
        assertEquals(4, problems.get(0).column());
        assertTrue(problems.get(1).message().contains("password"));
    }

    @Test
    void undeclaredDataIsFineWithoutDeclaration() {
        assertEquals(List.of(), validate(null, "en", null, "{anything.goes}"));
    }

    @Test
    void unknownNamespacesAndFormatFunctionsAreRefused() {
        List<TemplateProblem> problems = validate(null, "en", null, "{inject:bean}{fmt:shout(x)}{str:eval('x')}");
        assertEquals(List.of(TemplateProblem.UNKNOWN_NAMESPACE, TemplateProblem.UNKNOWN_FORMAT_FUNCTION,
                TemplateProblem.UNKNOWN_NAMESPACE), problems.stream().map(TemplateProblem::code).toList());
    }

    @Test
    void localesMustBeCanonicalTags() {
        List<TemplateProblem> problems = validate(null, "fr_CA", null, "x");
        assertEquals(TemplateProblem.INVALID_LOCALE, problems.get(0).code());
        assertTrue(problems.get(0).message().contains("fr-CA"));
    }
}
