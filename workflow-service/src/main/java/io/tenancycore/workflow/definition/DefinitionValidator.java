package io.tenancycore.workflow.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.validation.JsonSchemaValidator;
import io.tenancycore.commons.validation.ValidationError;
import io.tenancycore.workflow.calls.ExternalCallPolicy;
import io.tenancycore.workflow.calls.ServiceCallFilter;
import io.tenancycore.workflow.config.WorkflowConfig;
import io.tenancycore.workflow.engine.WorkflowEngine;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything wrong with a workflow document, in one list: nesting beyond the limit, a {@code dsl} version we do not
 * run (1.0.0 to 1.0.3), every error of the DSL's JSON Schema (shipped in the runtime's types jar), and the references
 * the schema cannot see — a {@code then} naming no sibling task, a {@code call} of a function the document does not
 * define, a {@code retry} policy it does not declare, an HTTP endpoint the call policy refuses, and anything else that
 * would fetch a URL or read secrets.
 */
@ApplicationScoped
public class DefinitionValidator {

    static final Set<String> SUPPORTED_DSL = Set.of("1.0.0", "1.0.1", "1.0.2", "1.0.3");
    private static final Set<String> FLOW_DIRECTIVES = Set.of("continue", "exit", "end");
    private static final Set<String> UNSUPPORTED_CALLS = Set.of("grpc", "openapi", "asyncapi", "a2a", "mcp");
    private static final String SCHEMA_RESOURCE = "schema/workflow.yaml";
    /**
     * jq's regular-expression builtins: jackson-jq runs them on java.util.regex, whose backtracking a tenant's pattern
     * could make exponential on a shared runtime thread, so expressions may not use them (no RE2 engine is offered).
     */
    private static final java.util.regex.Pattern JQ_REGEX_BUILTIN = java.util.regex.Pattern.compile(
            "\\b(test|match|capture|scan|splits|sub|gsub)\\s*\\(");

    private final JsonSchemaValidator validator;
    private final Schema schema;
    private final ExternalCallPolicy callPolicy;
    private final int maxDepth;

    public DefinitionValidator(JsonSchemaValidator validator, WorkflowConfig config) {
        this.validator = validator;
        this.schema = validator.schema(loadSchema());
        this.callPolicy = WorkflowEngine.externalCallPolicy(config);
        this.maxDepth = config.definitions().maxDepth();
    }

    private static JsonNode loadSchema() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the DSL schema " + SCHEMA_RESOURCE + " is not on the class path");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The violations of a document a tenant uploads. */
    public List<Violation> validate(JsonNode document) {
        return validate(document, false);
    }

    /**
     * The violations of a built-in template: the same rules, except that its HTTP calls name our services
     * ({@code svc://<service>/...}) and it may use what tenants may not (secrets, authentication).
     */
    public List<Violation> validateBuiltIn(JsonNode document) {
        return validate(document, true);
    }

    private List<Violation> validate(JsonNode document, boolean builtIn) {
        this.builtIn.set(builtIn);
        try {
            return check(document, builtIn);
        } finally {
            this.builtIn.remove();
        }
    }

    private final ThreadLocal<Boolean> builtIn = ThreadLocal.withInitial(() -> false);

    private List<Violation> check(JsonNode document, boolean builtIn) {
        List<Violation> violations = new ArrayList<>();
        if (depth(document, 0) > maxDepth) {
            violations.add(new Violation("", "nests deeper than " + maxDepth + " levels", "nesting_too_deep"));
            return violations;
        }
        if (!document.isObject()) {
            violations.add(new Violation("", "must be a workflow document (an object)", "type"));
            return violations;
        }
        JsonNode dsl = document.path("document").path("dsl");
        if (dsl.isTextual() && !SUPPORTED_DSL.contains(dsl.asText())) {
            violations.add(new Violation("document.dsl", "'" + dsl.asText()
                    + "' is not a DSL version this service runs (1.0.0 to 1.0.3)", "unsupported_dsl"));
        }
        validator.validate(schema, document).errors().stream().map(ValidationError::toViolation)
                .forEach(violations::add);
        Set<String> functions = names(document.path("use").path("functions"));
        Set<String> retries = names(document.path("use").path("retries"));
        tasks(document.path("do"), "do", functions, retries, violations);
        expressions(document, "", violations);
        if (!builtIn) {
            externalResources(document, "", violations);
        }
        document.path("use").path("functions").fields().forEachRemaining(function -> task(function.getValue(),
                "use.functions." + function.getKey(), Set.of(), functions, retries, violations));
        return violations;
    }

    /** Every string that holds a runtime expression, checked for jq regex builtins. */
    private static void expressions(JsonNode node, String path, List<Violation> violations) {
        if (node.isTextual()) {
            String text = node.asText();
            if (text.contains("${") && JQ_REGEX_BUILTIN.matcher(text).find()) {
                violations.add(new Violation(path, "uses a jq regular-expression function (test, match, capture, "
                        + "scan, splits, sub, gsub), which this service does not run", "regex_not_allowed"));
            }
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> expressions(field.getValue(),
                    path.isEmpty() ? field.getKey() : path + "." + field.getKey(), violations));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                expressions(node.get(i), path + "[" + i + "]", violations);
            }
        }
    }

    /**
     * What would make the runtime fetch a URL or read this process's secrets outside {@code call: http}, where the
     * call policy does not look: external schemas, catalogs, OAuth2/OIDC token endpoints, secrets.
     */
    private static void externalResources(JsonNode node, String path, List<Violation> violations) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String key = field.getKey();
                String at = path.isEmpty() ? key : path + "." + key;
                boolean external = (key.equals("resource") && path.endsWith("schema"))
                        || key.equals("oauth2") || key.equals("oidc")
                        || (path.equals("use") && (key.equals("catalogs") || key.equals("secrets")));
                if (external) {
                    violations.add(new Violation(at, "'" + key + "' would reach resources or secrets outside the "
                            + "workflow's allow-listed HTTP calls, which tenants' definitions may not",
                            "external_resource_not_allowed"));
                } else {
                    externalResources(field.getValue(), at, violations);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                externalResources(node.get(i), path + "[" + i + "]", violations);
            }
        }
    }

    private static int depth(JsonNode node, int level) {
        if (level > 10_000) {
            return level;
        }
        int deepest = level;
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                deepest = Math.max(deepest, depth(child, level + 1));
            }
        }
        return deepest;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A task list: an array of single-entry objects {name: task}. */
    private void tasks(JsonNode list, String path, Set<String> functions, Set<String> retries,
            List<Violation> violations) {
        if (!list.isArray()) {
            return;
        }
        Set<String> siblings = new HashSet<>();
        list.forEach(item -> item.fieldNames().forEachRemaining(siblings::add));
        for (int i = 0; i < list.size(); i++) {
            Iterator<Map.Entry<String, JsonNode>> fields = list.get(i).fields();
            if (!fields.hasNext()) {
                continue;
            }
            Map.Entry<String, JsonNode> entry = fields.next();
            task(entry.getValue(), path + "[" + i + "]." + entry.getKey(), siblings, functions, retries, violations);
        }
    }

    private void task(JsonNode task, String path, Set<String> siblings, Set<String> functions, Set<String> retries,
            List<Violation> violations) {
        if (!task.isObject()) {
            return;
        }
        checkTarget(task.path("then"), path + ".then", siblings, violations);
        JsonNode call = task.path("call");
        if (call.isTextual()) {
            String function = call.asText();
            if (UNSUPPORTED_CALLS.contains(function)) {
                violations.add(new Violation(path + ".call", "'" + function
                        + "' calls are not supported here; use call: http", "unsupported_call"));
            } else if (!function.equals("http") && !functions.contains(function)) {
                violations.add(new Violation(path + ".call", "calls '" + function
                        + "', which is neither a built-in call nor a function under use.functions",
                        "unknown_function"));
            }
            if (function.equals("http")) {
                checkEndpoint(task.path("with").path("endpoint"), path + ".with.endpoint", violations);
            }
        }
        if (task.has("run")) {
            violations.add(new Violation(path + ".run", "run tasks (containers, shell, scripts, workflows) are not "
                    + "allowed on a shared service", "run_not_allowed"));
        }
        tasks(task.path("do"), path + ".do", functions, retries, violations);
        tasks(task.path("fork").path("branches"), path + ".fork.branches", functions, retries, violations);
        tasks(task.path("try"), path + ".try", functions, retries, violations);
        JsonNode caught = task.path("catch");
        tasks(caught.path("do"), path + ".catch.do", functions, retries, violations);
        if (caught.path("retry").isTextual() && !retries.contains(caught.path("retry").asText())) {
            violations.add(new Violation(path + ".catch.retry", "names retry policy '" + caught.path("retry").asText()
                    + "', which use.retries does not declare", "unknown_retry_policy"));
        }
        JsonNode cases = task.path("switch");
        for (int i = 0; i < cases.size(); i++) {
            Iterator<Map.Entry<String, JsonNode>> fields = cases.get(i).fields();
            if (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                checkTarget(entry.getValue().path("then"), path + ".switch[" + i + "]." + entry.getKey() + ".then",
                        siblings, violations);
            }
        }
    }

    private static void checkTarget(JsonNode then, String path, Set<String> siblings, List<Violation> violations) {
        if (then.isTextual() && !FLOW_DIRECTIVES.contains(then.asText()) && !siblings.contains(then.asText())) {
            violations.add(new Violation(path, "'" + then.asText()
                    + "' is neither continue, exit, end nor a task of the same list", "unknown_then_target"));
        }
    }

    /**
     * Literal endpoints only: a runtime expression is checked when it is called. A tenant's endpoint must pass the
     * external call policy; a built-in template's must name one of our services.
     */
    private void checkEndpoint(JsonNode endpoint, String path, List<Violation> violations) {
        JsonNode uri = endpoint.isObject() ? endpoint.path("uri") : endpoint;
        if (!uri.isTextual() || uri.asText().startsWith("${")) {
            return;
        }
        String field = endpoint.isObject() ? path + ".uri" : path;
        String literal = uri.asText().replaceAll("\\{[^}]*}", "x");
        if (builtIn.get()) {
            if (!literal.startsWith(ServiceCallFilter.SCHEME + "://")) {
                violations.add(new Violation(field, "built-in templates call only svc://<service>/...",
                        "call_target_not_allowed"));
            }
            return;
        }
        callPolicy.refusalAtUpload(literal).ifPresent(reason -> violations.add(new Violation(field, reason,
                "call_target_not_allowed")));
    }
}
