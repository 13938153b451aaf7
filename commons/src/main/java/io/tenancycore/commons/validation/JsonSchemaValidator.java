package io.tenancycore.commons.validation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates JSON and YAML documents against JSON Schemas (draft 2020-12 unless the schema says otherwise, with
 * {@code format} asserted) and reports every error with its JSON pointer, message and keyword.
 */
@ApplicationScoped
public class JsonSchemaValidator {

    static final String SYNTAX_KEYWORD = "syntax";
    private static final String REQUIRED = "required";
    private static final String ADDITIONAL_PROPERTIES = "additionalProperties";
    private static final String UNEVALUATED_PROPERTIES = "unevaluatedProperties";

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .formatAssertionsEnabled(true)
                    .build()));
    private final ObjectMapper json = new ObjectMapper();
    private final ObjectMapper yaml = new YAMLMapper();
    private final Map<String, Schema> classpathSchemas = new ConcurrentHashMap<>();

    /** A schema shipped as a class path resource, e.g. {@code schemas/tenant.schema.json}; loaded once. */
    public Schema classpathSchema(String resource) {
        return classpathSchemas.computeIfAbsent(resource, name -> {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no schema resource " + name);
                }
                return schema(json.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema resource " + name, e);
            }
        });
    }

    public Schema schema(JsonNode schemaDocument) {
        Schema schema = registry.getSchema(schemaDocument);
        schema.initializeValidators();
        return schema;
    }

    /** Parses and validates; a document that cannot be parsed is reported as one {@value #SYNTAX_KEYWORD} error. */
    public ValidationReport validate(Schema schema, String document, DocumentFormat format) {
        JsonNode node;
        try {
            node = parse(document, format);
        } catch (JacksonException e) {
            return syntaxError(format, e);
        }
        return validate(schema, node);
    }

    static ValidationReport syntaxError(DocumentFormat format, JacksonException e) {
        String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return ValidationReport.error("", "not well-formed " + format + where + ": " + e.getOriginalMessage(),
                SYNTAX_KEYWORD);
    }

    public ValidationReport validate(Schema schema, JsonNode document) {
        List<ValidationError> errors = schema.validate(document).stream().map(JsonSchemaValidator::toError).toList();
        return ValidationReport.of(errors);
    }

    public Uni<ValidationReport> validateAsync(Schema schema, String document, DocumentFormat format) {
        return Uni.createFrom().item(() -> validate(schema, document, format));
    }

    /** Reads JSON or YAML into a tree; a YAML document yields the same tree as the equivalent JSON. */
    public JsonNode parse(String document, DocumentFormat format) throws JacksonException {
        if (document == null || document.isBlank()) {
            throw new com.fasterxml.jackson.core.JsonParseException(null, "empty document");
        }
        JsonNode node = (format == DocumentFormat.YAML ? yaml : json).readTree(document);
        if (node == null || node.isMissingNode()) {
            throw new com.fasterxml.jackson.core.JsonParseException(null, "empty document");
        }
        return node;
    }

    static ValidationError toError(Error error) {
        String pointer = error.getInstanceLocation().toString();
        String keyword = error.getKeyword();
        boolean namesAProperty = REQUIRED.equals(keyword) || ADDITIONAL_PROPERTIES.equals(keyword)
                || UNEVALUATED_PROPERTIES.equals(keyword);
        if (namesAProperty && error.getProperty() != null) {
            // point at the missing / unexpected property, not at the object holding it
            pointer = pointer + "/" + error.getProperty().replace("~", "~0").replace("/", "~1");
        }
        return new ValidationError(pointer, error.getMessage(), keyword);
    }
}
