package io.tenancycore.commons.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSchemaValidatorTest {

    private static final String SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "type": "object", "required": ["port", "hosts"],
             "properties": {
               "port": {"type": "integer", "maximum": 65535},
               "hosts": {"type": "array", "items": {"type": "string", "format": "hostname"}},
               "mode": {"enum": ["fast", "safe"]},
               "limits": {"type": "object", "properties": {"rate": {"type": "number", "exclusiveMinimum": 0}}}
             }}
            """;

    private final JsonSchemaValidator validator = new JsonSchemaValidator();
    private final Schema schema;

    JsonSchemaValidatorTest() throws Exception {
        schema = validator.schema(new ObjectMapper().readTree(SCHEMA));
    }

    @Test
    void jsonErrorsCarryPointerMessageAndKeyword() {
        ValidationReport report = validator.validate(schema, """
                {"port": 70000, "hosts": ["ok.example", 42], "mode": "slow", "limits": {"rate": 0}}
                """, DocumentFormat.JSON);

        assertEquals(List.of(
                        new Pointed("/hosts/1", "type"),
                        new Pointed("/limits/rate", "exclusiveMinimum"),
                        new Pointed("/mode", "enum"),
                        new Pointed("/port", "maximum")),
                report.errors().stream().map(e -> new Pointed(e.pointer(), e.keyword())).sorted().toList());
        assertTrue(report.errors().stream().allMatch(e -> !e.message().isBlank()));
    }

    @Test
    void yamlIsValidatedLikeTheEquivalentJson() {
        ValidationReport report = validator.validate(schema, """
                port: "8080"
                hosts:
                  - "bad host name!"
                """, DocumentFormat.YAML);
        assertEquals(List.of(new Pointed("/hosts/0", "format"), new Pointed("/port", "type")),
                report.errors().stream().map(e -> new Pointed(e.pointer(), e.keyword())).sorted().toList());
    }

    @Test
    void missingPropertiesPointAtTheProperty() {
        ValidationReport report = validator.validate(schema, "mode: fast", DocumentFormat.YAML);
        assertEquals(List.of(new Pointed("/hosts", "required"), new Pointed("/port", "required")),
                report.errors().stream().map(e -> new Pointed(e.pointer(), e.keyword())).sorted().toList());
    }

    @Test
    void validDocumentsAndAsyncValidation() {
        assertTrue(validator.validate(schema, "{\"port\": 80, \"hosts\": [\"a.example\"]}", DocumentFormat.JSON).valid());
        ValidationReport async = validator.validateAsync(schema, "{\"port\": 80}", DocumentFormat.JSON)
                .await().atMost(Duration.ofSeconds(5));
        assertEquals(List.of("/hosts"), async.errors().stream().map(ValidationError::pointer).toList());
    }

    @Test
    void unparseableInputIsASyntaxError() {
        ValidationReport report = validator.validate(schema, "port: [", DocumentFormat.YAML);
        assertEquals("syntax", report.errors().get(0).keyword());
        assertTrue(report.errors().get(0).message().contains("YAML"));
    }

    record Pointed(String pointer, String keyword) implements Comparable<Pointed> {
        @Override
        public int compareTo(Pointed other) {
            return (pointer + keyword).compareTo(other.pointer + other.keyword);
        }
    }
}
