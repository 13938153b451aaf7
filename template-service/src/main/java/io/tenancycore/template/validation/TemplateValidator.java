package io.tenancycore.template.validation;

import io.quarkus.qute.Expression;
import io.quarkus.qute.SectionBlock;
import io.quarkus.qute.SectionNode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.TemplateNode.Origin;
import io.quarkus.qute.Variant;
import io.tenancycore.template.model.LocalizedContent;
import io.tenancycore.template.model.TemplateDraft;
import io.tenancycore.template.engine.SafeTemplateEngine;
import io.tenancycore.template.locale.Locales;
import io.tenancycore.template.messages.TenantMessages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a template before it is saved: each locale's subject and body must parse with the safe engine, use only the
 * {@code msg}, {@code fmt} and {@code data} namespaces, name message keys that the tenant's or the built-in bundles
 * define for that locale, name existing format functions and — when the template declares its parameters — use no
 * other top-level data (names bound by {@code {#for}}, {@code {#each}} and {@code {#let}} are allowed).
 */
public class TemplateValidator {

    private static final String EACH_ALIAS = "it";
    private static final String EMPTY_PARAMETER = "$empty$";

    private final SafeTemplateEngine engine;

    public TemplateValidator(SafeTemplateEngine engine) {
        this.engine = engine;
    }

    public List<TemplateProblem> validate(String name, TemplateDraft draft, TenantMessages messages,
            String tenantDefaultLocale) {
        List<TemplateProblem> problems = new ArrayList<>();
        Set<String> declared = draft.parameters() == null ? null : Set.copyOf(draft.parameters());
        for (Map.Entry<String, LocalizedContent> entry : new TreeMap<>(draft.locales()).entrySet()) {
            Optional<String> locale = Locales.normalize(entry.getKey());
            if (locale.isEmpty() || !locale.get().equals(entry.getKey())) {
                problems.add(new TemplateProblem(entry.getKey(), null, null, null, TemplateProblem.INVALID_LOCALE,
                        locale.map(l -> "Write this locale as '" + l + "'.")
                                .orElse("Not a BCP 47 locale tag.")));
                continue;
            }
            Scope scope = new Scope(entry.getKey(), declared, messages,
                    Locales.fallbackChain(entry.getKey(), tenantDefaultLocale));
            LocalizedContent content = entry.getValue();
            if (content.subject() != null) {
                check(name, scope, "subject", content.subject(), Variant.TEXT_PLAIN, problems);
            }
            if (content.body() != null) {
                check(name, scope, "body", content.body(), draft.effectiveContentType(), problems);
            }
        }
        return problems;
    }

    private void check(String name, Scope scope, String part, String source, String contentType,
            List<TemplateProblem> problems) {
        Template template;
        try {
            template = engine.parse(name + "/" + scope.locale + "/" + part, source, contentType,
                    Locales.toLocale(scope.locale));
        } catch (TemplateException e) {
            problems.add(problem(scope, part, e.getOrigin(), TemplateProblem.SYNTAX, syntaxMessage(e)));
            return;
        }
        Set<String> locals = new HashSet<>();
        Set<String> loopAliases = new HashSet<>();
        collectLocals(template, locals, loopAliases);
        for (Expression expression : template.getExpressions()) {
            checkExpression(expression, expression.getOrigin(), scope, part, locals, loopAliases, problems);
        }
    }

    private static void collectLocals(Template template, Set<String> locals, Set<String> loopAliases) {
        for (TemplateNode node : template.findNodes(TemplateNode::isSection)) {
            SectionNode section = node.asSection();
            for (SectionBlock block : section.getBlocks()) {
                if (SafeTemplateEngine.LOOP_SECTIONS.contains(section.getName())) {
                    String alias = block.parameters.get("alias");
                    if (alias != null) {
                        String name = EMPTY_PARAMETER.equals(alias) ? EACH_ALIAS : alias;
                        locals.add(name);
                        loopAliases.add(name);
                    }
                } else if (SafeTemplateEngine.LET_SECTIONS.contains(section.getName())) {
                    // {#let name?=default} declares "name"
                    block.parameters.keySet().forEach(key -> locals.add(key.replace("?", "")));
                }
            }
        }
    }

    private void checkExpression(Expression expression, Origin origin, Scope scope, String part, Set<String> locals,
            Set<String> loopAliases, List<TemplateProblem> problems) {
        if (expression.isLiteral() || expression.getParts().isEmpty()) {
            return;
        }
        String namespace = expression.getNamespace();
        Expression.Part first = expression.getParts().get(0);
        if (namespace != null && !SafeTemplateEngine.NAMESPACES.contains(namespace)) {
            problems.add(problem(scope, part, origin, TemplateProblem.UNKNOWN_NAMESPACE,
                    "Unknown namespace '" + namespace + "' in {" + expression.toOriginalString()
                            + "}; use msg:, fmt: or data:."));
            return;
        }
        if ("msg".equals(namespace) && scope.messages.find(first.getName(), scope.messageChain).isEmpty()) {
            problems.add(problem(scope, part, origin, TemplateProblem.UNKNOWN_MESSAGE_KEY,
                    "No message '" + first.getName() + "' for locale " + scope.locale + " (looked up in "
                            + scope.messageChain + ")."));
        } else if ("fmt".equals(namespace) && !SafeTemplateEngine.FORMAT_FUNCTIONS.contains(first.getName())) {
            problems.add(problem(scope, part, origin, TemplateProblem.UNKNOWN_FORMAT_FUNCTION,
                    "Unknown format function 'fmt:" + first.getName() + "'; use one of "
                            + new java.util.TreeSet<>(SafeTemplateEngine.FORMAT_FUNCTIONS) + "."));
        } else if ((namespace == null || SafeTemplateEngine.DATA_NAMESPACE.equals(namespace))
                && scope.declared != null && !isAllowedRoot(first.getName(), scope.declared, locals, loopAliases)) {
            problems.add(problem(scope, part, origin, TemplateProblem.UNDECLARED_PARAMETER,
                    "'" + first.getName() + "' is not a declared parameter (declared: "
                            + new java.util.TreeSet<>(scope.declared) + ")."));
        }
        for (Expression.Part expressionPart : expression.getParts()) {
            if (expressionPart.isVirtualMethod()) {
                for (Expression parameter : expressionPart.asVirtualMethod().getParameters()) {
                    checkExpression(parameter, origin, scope, part, locals, loopAliases, problems);
                }
            }
        }
    }

    private static boolean isAllowedRoot(String root, Set<String> declared, Set<String> locals,
            Set<String> loopAliases) {
        if (declared.contains(root) || locals.contains(root)) {
            return true;
        }
        // iteration metadata such as item_index, item_hasNext
        return loopAliases.stream().anyMatch(alias -> root.startsWith(alias + "_"));
    }

    private static TemplateProblem problem(Scope scope, String part, Origin origin, String code, String message) {
        Integer line = origin == null ? null : origin.getLine();
        Integer column = origin == null ? null : Math.max(1, origin.getLineCharacterStart());
        return new TemplateProblem(scope.locale, part, line, column, code, message);
    }

    /** Qute prefixes parser messages with the template id; the position is reported separately. */
    private static String syntaxMessage(TemplateException e) {
        String message = e.getMessage() == null ? "The template does not parse." : e.getMessage();
        int marker = message.indexOf("Parser error");
        return marker > 0 ? message.substring(marker) : message;
    }

    private record Scope(String locale, Set<String> declared, TenantMessages messages, List<String> messageChain) {
    }
}
