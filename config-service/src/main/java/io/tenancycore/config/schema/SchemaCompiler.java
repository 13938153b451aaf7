package io.tenancycore.config.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.tenancycore.commons.validation.JsonSchemaValidator;
import io.tenancycore.commons.validation.ValidationError;
import io.tenancycore.commons.validation.ValidationReport;
import io.tenancycore.config.support.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a tenant's JSON Schema document into a validator, after checking it is safe and sound to run: within the
 * size and depth limits, valid against its dialect's meta-schema, every regex accepted by the linear-time engine,
 * no {@code $ref} outside the document (nothing is read from the class path, files or the network) and no
 * {@code $ref} loop that would recurse without end. {@link #inspect} reports every problem at once.
 */
@ApplicationScoped
public class SchemaCompiler {

    static final String TOO_LARGE = "schema_too_large";
    static final String TOO_DEEP = "schema_too_deep";
    static final String UNSUPPORTED_PATTERN = "unsupported_pattern";
    static final String UNKNOWN_DIALECT = "unknown_dialect";
    static final String MATCH_BUDGET = "pattern_budget";

    /** Keywords whose value is one subschema or an array of them. */
    private static final Set<String> SUBSCHEMA_KEYWORDS = Set.of("items", "prefixItems", "additionalItems",
            "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "contains", "propertyNames",
            "additionalProperties", "unevaluatedItems", "unevaluatedProperties", "contentSchema");
    /** Keywords whose value maps names to subschemas. */
    private static final Set<String> SCHEMA_MAP_KEYWORDS = Set.of("properties", "$defs", "definitions",
            "dependentSchemas", "dependencies");
    private static final JsonNode PROBE = JsonNodeFactory.instance.objectNode();

    private final SchemaLimits limits;
    private final LinearTimeRegularExpressionFactory regexes;
    private final JsonSchemaValidator validator;
    private final SchemaRegistry registry;
    private final SchemaRegistry metaRegistry;
    private final Map<String, Schema> metaSchemas = new ConcurrentHashMap<>();

    public SchemaCompiler(SchemaLimits limits, JsonSchemaValidator validator) {
        this.limits = limits;
        this.validator = validator;
        this.regexes = new LinearTimeRegularExpressionFactory(limits.maxPatternLength(),
                limits.maxPatternProgramSize());
        // tenant schemas: format asserted (as commons' validator does), regexes on RE2/J
        this.registry = registry(true);
        // meta-schemas: there `format: regex` is an annotation; the patterns are checked by inspect() instead
        this.metaRegistry = registry(false);
    }

    private SchemaRegistry registry(boolean assertFormats) {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .pathType(PathType.JSON_POINTER)
                        .formatAssertionsEnabled(assertFormats)
                        .regularExpressionFactory(regexes)
                        .build())
                // only the meta-schemas bundled with the library; a tenant's $ref may not read anything else
                .schemaLoader(loader -> loader.allow(iri -> isMetaSchema(iri.toString()))));
    }

    static boolean isMetaSchema(String iri) {
        return iri.startsWith("https://json-schema.org/draft/") || iri.startsWith("http://json-schema.org/draft-");
    }

    /** Every reason the document cannot be used as a namespace schema; valid when it can be compiled safely. */
    public ValidationReport inspect(JsonNode document) {
        int bytes = Json.write(document).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxDocumentBytes()) {
            return ValidationReport.error("", "the schema has " + bytes + " bytes; at most "
                    + limits.maxDocumentBytes() + " are allowed", TOO_LARGE);
        }
        if (depth(document, limits.maxDepth() + 1) > limits.maxDepth()) {
            return ValidationReport.error("", "the schema nests objects and arrays more than "
                    + limits.maxDepth() + " levels deep", TOO_DEEP);
        }
        List<ValidationError> errors = new ArrayList<>(metaSchemaErrors(document));
        checkPatterns(document, "", errors);
        return ValidationReport.of(errors);
    }

    /**
     * Compiles a document that {@link #inspect} found valid.
     *
     * @throws IllegalArgumentException with the reason, when the library cannot use it (e.g. an unresolvable
     *         {@code $ref}) or it refers to itself without end
     */
    public Schema compile(JsonNode document) {
        Schema schema = registry.getSchema(document);
        schema.initializeValidators();
        // a $ref loop that never descends into the value overflows the stack on any value: find it now
        validate(schema, PROBE);
        return schema;
    }

    /**
     * Validates with the library's errors as ours, within the regex budget: a value that would cost more to match
     * than {@link SchemaLimits#maxMatchSteps()} is one {@value #MATCH_BUDGET} error on the whole document.
     *
     * @throws IllegalArgumentException when the schema recurses without end (refused, not a crash)
     */
    public ValidationReport validate(Schema schema, JsonNode value) {
        try (MatchBudget budget = MatchBudget.open(limits.maxMatchSteps())) {
            ValidationReport report = validator.validate(schema, value);
            if (budget.exhausted()) {
                return ValidationReport.error("", "checking these values against the schema's patterns needs more "
                        + "than " + limits.maxMatchSteps() + " regex steps (pattern size × value length); shorten "
                        + "the values or simplify the patterns", MATCH_BUDGET);
            }
            return report;
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("the schema refers to itself without end ($ref loop)");
        }
    }

    private List<ValidationError> metaSchemaErrors(JsonNode document) {
        JsonNode declared = document.path("$schema");
        String dialect = SpecificationVersion.DRAFT_2020_12.getDialectId();
        if (!declared.isMissingNode()) {
            Optional<SpecificationVersion> known = declared.isTextual()
                    ? SpecificationVersion.fromDialectId(declared.asText()) : Optional.empty();
            if (known.isEmpty()) {
                return List.of(new ValidationError("/$schema", "unknown dialect; use one of "
                        + Arrays.stream(SpecificationVersion.values()).map(SpecificationVersion::getDialectId)
                                .toList(), UNKNOWN_DIALECT));
            }
            dialect = known.get().getDialectId();
        }
        Schema meta = metaSchemas.computeIfAbsent(dialect, id -> metaRegistry.getSchema(SchemaLocation.of(id)));
        return validator.validate(meta, document).errors();
    }

    /** Every regex in a schema position: {@code pattern} values and {@code patternProperties} names. */
    private void checkPatterns(JsonNode schema, String pointer, List<ValidationError> errors) {
        if (!schema.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            String at = pointer + "/" + escape(keyword);
            if (keyword.equals("pattern") && value.isTextual()) {
                checkPattern(value.asText(), at, errors);
            } else if (keyword.equals("patternProperties") && value.isObject()) {
                value.fields().forEachRemaining(entry -> {
                    String entryAt = at + "/" + escape(entry.getKey());
                    checkPattern(entry.getKey(), entryAt, errors);
                    checkPatterns(entry.getValue(), entryAt, errors);
                });
            } else if (SCHEMA_MAP_KEYWORDS.contains(keyword) && value.isObject()) {
                value.fields().forEachRemaining(entry -> checkPatterns(entry.getValue(),
                        at + "/" + escape(entry.getKey()), errors));
            } else if (SUBSCHEMA_KEYWORDS.contains(keyword)) {
                if (value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        checkPatterns(value.get(i), at + "/" + i, errors);
                    }
                } else {
                    checkPatterns(value, at, errors);
                }
            }
        }
    }

    private void checkPattern(String regex, String pointer, List<ValidationError> errors) {
        try {
            regexes.compile(regex);
        } catch (UnsupportedPatternException e) {
            errors.add(new ValidationError(pointer, "pattern '" + abbreviate(regex) + "' is refused: "
                    + e.getMessage(), UNSUPPORTED_PATTERN));
        }
    }

    /** Nesting depth, not counting further than {@code stopAt}. */
    static int depth(JsonNode node, int stopAt) {
        if (!node.isContainerNode() || stopAt <= 0) {
            return 0;
        }
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child, stopAt - 1));
            if (deepest >= stopAt - 1) {
                break;
            }
        }
        return deepest + 1;
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviate(String regex) {
        return regex.length() <= 60 ? regex : regex.substring(0, 57) + "...";
    }
}
