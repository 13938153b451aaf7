package io.tenancycore.config.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.validation.JsonSchemaValidator;
import io.tenancycore.commons.validation.ValidationError;
import io.tenancycore.commons.validation.ValidationReport;
import io.tenancycore.config.layers.Keys;
import io.tenancycore.config.support.ConfigProblems;
import io.tenancycore.config.support.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Namespaces (a key's first segment) may carry a JSON Schema. A write is checked against the schema of every
 * namespace it touches, on the merged view the write would produce (so {@code required} sees keys of lower
 * layers), and refused with every violation at once. Secret values already stored are ciphertext and left out.
 */
@ApplicationScoped
public class SchemaService {

    private final SchemaStore store;
    private final JsonSchemaValidator validator;
    /** Compiled schemas by their text, so a hot namespace is not recompiled on every write. */
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    public SchemaService(SchemaStore store, JsonSchemaValidator validator) {
        this.store = store;
        this.validator = validator;
    }

    /** Parses and compiles a schema; a document that is no valid JSON Schema is a 422 listing why. */
    public Uni<Void> put(String tenantId, String namespace, JsonNode schema) {
        Keys.requireValid("namespace", namespace);
        if (namespace.contains(".")) {
            throw ConfigProblems.invalidInput("namespace", "a namespace is a single key segment");
        }
        if (!schema.isObject()) {
            throw ConfigProblems.unprocessable(ConfigProblems.SCHEMA_VIOLATION, "A JSON Schema must be an object.",
                    List.of());
        }
        try {
            compile(Json.write(schema));
        } catch (RuntimeException e) {
            throw ConfigProblems.unprocessable(ConfigProblems.SCHEMA_VIOLATION,
                    "Not a usable JSON Schema: " + e.getMessage(), List.of());
        }
        return store.put(tenantId, namespace, Json.write(schema));
    }

    public Uni<JsonNode> get(String tenantId, String namespace) {
        return store.get(tenantId, namespace).map(text -> {
            if (text == null) {
                throw ProblemException.notFound("No schema for namespace '" + namespace + "'.");
            }
            return Json.parse(text);
        });
    }

    public Uni<Set<String>> namespaces(String tenantId) {
        return store.all(tenantId).map(all -> new TreeSet<>(all.keySet()));
    }

    public Uni<Void> delete(String tenantId, String namespace) {
        return store.delete(tenantId, namespace).map(removed -> {
            if (!removed) {
                throw ProblemException.notFound("No schema for namespace '" + namespace + "'.");
            }
            return null;
        });
    }

    /**
     * Fails with a 422 listing every violation when the merged plain values of a touched namespace break its schema.
     *
     * @param merged the key → value view after the write (plain values only)
     */
    public Uni<Void> check(String tenantId, Collection<String> touchedKeys, Map<String, JsonNode> merged) {
        Set<String> namespaces = new TreeSet<>();
        touchedKeys.forEach(key -> namespaces.add(Keys.namespace(key)));
        return store.all(tenantId).map(schemas -> {
            List<ValidationError> errors = new ArrayList<>();
            for (String namespace : namespaces) {
                String schemaText = schemas.get(namespace);
                if (schemaText == null) {
                    continue;
                }
                ValidationReport report = validator.validate(compile(schemaText), namespaceDocument(namespace, merged));
                report.errors().forEach(error -> errors.add(new ValidationError(
                        "/" + namespace + error.pointer(), error.message(), error.keyword())));
            }
            if (!errors.isEmpty()) {
                ValidationReport all = ValidationReport.of(errors);
                throw ConfigProblems.unprocessable(ConfigProblems.SCHEMA_VIOLATION, "The change breaks the schema: "
                        + errors.size() + (errors.size() == 1 ? " violation." : " violations."), all.violations());
            }
            return null;
        });
    }

    static JsonNode namespaceDocument(String namespace, Map<String, JsonNode> merged) {
        Map<String, JsonNode> inNamespace = new HashMap<>();
        merged.forEach((key, value) -> {
            if (key.equals(namespace) || key.startsWith(namespace + ".")) {
                inNamespace.put(key, value);
            }
        });
        JsonNode document = Json.nest(inNamespace).get(namespace);
        return document == null ? Json.mapper().createObjectNode() : document;
    }

    private Schema compile(String schemaText) {
        return compiled.computeIfAbsent(schemaText, text -> validator.schema(Json.parse(text)));
    }
}
