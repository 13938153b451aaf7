package io.tenancycore.config.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import io.tenancycore.commons.validation.JsonSchemaValidator;
import io.tenancycore.commons.validation.ValidationError;
import io.tenancycore.commons.validation.ValidationReport;
import io.tenancycore.config.support.Json;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SchemaCompilerTest {

    static final SchemaLimits LIMITS = new SchemaLimits() {
        @Override
        public int maxPatternLength() {
            return 1000;
        }

        @Override
        public int maxPatternProgramSize() {
            return 5000;
        }

        @Override
        public long maxMatchSteps() {
            return 1_000_000;
        }

        @Override
        public int maxDocumentBytes() {
            return 4096;
        }

        @Override
        public int maxDepth() {
            return 12;
        }

        @Override
        public int compiledCacheSize() {
            return 2;
        }
    };

    private final SchemaCompiler compiler = new SchemaCompiler(LIMITS, new JsonSchemaValidator());

    @Test
    void aSoundSchemaPassesAndValidates() {
        JsonNode document = Json.parse("""
                {"type": "object", "properties": {"code": {"type": "string", "pattern": "^[A-Z]{3}$"}},
                 "patternProperties": {"^x_": {"type": "integer"}}}""");
        assertTrue(compiler.inspect(document).valid());
        Schema schema = compiler.compile(document);
        assertTrue(compiler.validate(schema, Json.parse("{\"code\": \"EUR\", \"x_a\": 1}")).valid());
        assertEquals(Set.of("/code", "/x_a"), pointers(compiler.validate(schema,
                Json.parse("{\"code\": \"euro\", \"x_a\": \"one\"}"))));
    }

    @Test
    void everyMetaSchemaViolationIsReported() {
        ValidationReport report = compiler.inspect(Json.parse("""
                {"type": "nonsense", "minLength": -1, "required": "name",
                 "properties": {"a": {"maximum": "ten"}}}"""));
        assertEquals(Set.of("/type", "/minLength", "/required", "/properties/a/maximum"), pointers(report));
    }

    @Test
    void theDeclaredDialectsMetaSchemaApplies() {
        // draft-04: exclusiveMaximum is a boolean there, a number in 2020-12
        String draft4 = """
                {"$schema": "http://json-schema.org/draft-04/schema#", "maximum": 5, "exclusiveMaximum": 3}""";
        assertEquals(Set.of("/exclusiveMaximum"), pointers(compiler.inspect(Json.parse(draft4))));
        assertTrue(compiler.inspect(Json.parse("{\"exclusiveMaximum\": 3}")).valid());
        assertEquals(Set.of("/$schema"), pointers(compiler.inspect(Json.parse(
                "{\"$schema\": \"https://example.com/my-dialect\"}"))));
    }

    @Test
    void patternsAreReportedAtTheirJsonPath() {
        ValidationReport report = compiler.inspect(Json.parse("""
                {"properties": {"a": {"type": "string", "pattern": "^(x)\\\\1$"},
                                "b": {"prefixItems": [{"pattern": "(?=y)"}]},
                                "pattern": {"type": "string"}},
                 "patternProperties": {"(?<=z)k": {}},
                 "$defs": {"d": {"anyOf": [{"pattern": "%s"}]}},
                 "default": {"pattern": "(x)\\\\1"}}""".formatted("q".repeat(1001))));
        assertEquals(Set.of("/properties/a/pattern", "/properties/b/prefixItems/0/pattern", "/patternProperties/(?<=z)k",
                "/$defs/d/anyOf/0/pattern"), pointers(report));
        assertTrue(report.errors().stream().allMatch(e -> e.keyword().equals(SchemaCompiler.UNSUPPORTED_PATTERN)));
        assertEquals("properties.a.pattern", report.violations().get(0).field());
    }

    @Test
    void sizeAndDepthAreBounded() {
        String big = "{\"description\": \"" + "x".repeat(5000) + "\"}";
        assertEquals(List.of(SchemaCompiler.TOO_LARGE), keywords(compiler.inspect(Json.parse(big))));
        String deep = "{\"not\": ".repeat(13) + "{}" + "}".repeat(13);
        assertEquals(List.of(SchemaCompiler.TOO_DEEP), keywords(compiler.inspect(Json.parse(deep))));
        String deepEnough = "{\"not\": ".repeat(10) + "{}" + "}".repeat(10);
        assertTrue(compiler.inspect(Json.parse(deepEnough)).valid());
    }

    @Test
    void nothingOutsideTheDocumentIsLoaded() {
        for (String ref : new String[] { "classpath:application.yaml", "file:///etc/passwd",
                "http://169.254.169.254/latest/meta-data" }) {
            JsonNode document = Json.parse("{\"$ref\": \"" + ref + "\"}");
            assertTrue(compiler.inspect(document).valid(), ref);
            RuntimeException refused = assertThrows(RuntimeException.class, () -> compiler.compile(document), ref);
            assertFalse(refused.getMessage() == null, ref);
        }
    }

    @Test
    void aRefLoopIsRefusedInsteadOfOverflowingTheStack() {
        assertThrows(IllegalArgumentException.class, () -> compiler.compile(Json.parse("{\"$ref\": \"#\"}")));
        Schema deeper = compiler.compile(Json.parse(
                "{\"properties\": {\"a\": {\"$ref\": \"#/properties/a\"}}}"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> compiler.validate(deeper, Json.parse("{\"a\": 1}")));
        assertTrue(refused.getMessage().contains("$ref loop"), refused::getMessage);
    }

    @Test
    void formatRegexValuesAreCheckedWithTheLinearTimeEngine() {
        Schema schema = compiler.compile(Json.parse("{\"type\": \"string\", \"format\": \"regex\"}"));
        assertTrue(compiler.validate(schema, Json.parse("\"^a+$\"")).valid());
        assertFalse(compiler.validate(schema, Json.parse("\"(a)\\\\1\"")).valid());
    }

    @Test
    void regexWorkPerValidationIsBudgeted() {
        Schema schema = compiler.compile(Json.parse("""
                {"type": "object", "additionalProperties": {"type": "string", "pattern": "[a-z]{1,1000}b"}}"""));
        // 2002 instructions × 20,001 characters: far over the budget, refused without running the match
        ValidationReport tooCostly = compiler.validate(schema, Json.parse("{\"v\": \"" + "a".repeat(20_000) + "\"}"));
        assertEquals(List.of(SchemaCompiler.MATCH_BUDGET), keywords(tooCostly));
        // many cheap matches add up too
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 600; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": \"").append("a".repeat(20)).append("b\"");
        }
        assertEquals(List.of(SchemaCompiler.MATCH_BUDGET), keywords(compiler.validate(schema,
                Json.parse(many.append("}").toString()))));
        // within the budget the verdict is the real one
        assertTrue(compiler.validate(schema, Json.parse("{\"v\": \"aab\"}")).valid());
        assertEquals(List.of("pattern"), keywords(compiler.validate(schema, Json.parse("{\"v\": \"aa\"}"))));
    }

    @Test
    void theCompiledCacheKeepsOneEntryPerNamespaceAndNoMoreThanItsSize() {
        CompiledSchemas cache = new CompiledSchemas(LIMITS, compiler);
        String v1 = "{\"type\": \"integer\"}";
        String v2 = "{\"type\": \"string\"}";
        Schema first = cache.get("t1", "ns", v1);
        assertTrue(first == cache.get("t1", "ns", v1));
        // the stored text changed (here or on another replica): recompiled, the old entry replaced
        Schema second = cache.get("t1", "ns", v2);
        assertTrue(compiler.validate(second, Json.parse("\"s\"")).valid());
        for (int i = 0; i < 10; i++) {
            cache.get("t" + i, "ns", v1);
        }
        assertTrue(cache.size() <= LIMITS.compiledCacheSize(), () -> "size " + cache.size());
    }

    private static Set<String> pointers(ValidationReport report) {
        return report.errors().stream().map(ValidationError::pointer).collect(Collectors.toSet());
    }

    private static List<String> keywords(ValidationReport report) {
        return report.errors().stream().map(ValidationError::keyword).toList();
    }
}
