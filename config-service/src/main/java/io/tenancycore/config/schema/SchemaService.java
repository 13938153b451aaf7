package io.tenancycore.config.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.lease.WriteLocks;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.validation.ValidationError;
import io.tenancycore.commons.validation.ValidationReport;
import io.tenancycore.config.support.RedisKeys;
import io.tenancycore.config.support.Keys;
import io.tenancycore.config.support.ConfigProblems;
import io.tenancycore.commons.api.ETags;
import io.tenancycore.config.support.Hashes;
import io.tenancycore.config.support.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Namespaces (a key's first segment) may carry a JSON Schema. A write is checked against the schema of every
 * namespace it touches, on the merged view the write would produce (so {@code required} sees keys of lower
 * layers), and refused with every violation at once. Secret values already stored are ciphertext and left out.
 *
 * <p>Saving a schema checks it first (see {@link SchemaCompiler}: limits, meta-schema, linear-time regexes; 422
 * with every problem), then against the values the namespace already holds in every view (409 naming each key
 * that breaks it), so a schema can never make its namespace unwritable.
 */
@ApplicationScoped
public class SchemaService {

    private final SchemaStore store;
    private final SchemaCompiler compiler;
    private final CompiledSchemas compiled;
    private final ConfiguredValues configured;
    private final WriteLocks writeLocks;

    public SchemaService(SchemaStore store, SchemaCompiler compiler, CompiledSchemas compiled,
            ConfiguredValues configured, WriteLocks writeLocks) {
        this.writeLocks = writeLocks;
        this.store = store;
        this.compiler = compiler;
        this.compiled = compiled;
        this.configured = configured;
    }

    /** A namespace's schema and its entity tag. */
    public record Stored(String namespace, JsonNode schema, String etag, boolean created) {
    }

    /**
     * Checks, compiles and stores a namespace's schema; see the class comment for what is refused.
     *
     * @param ifMatch the tag last read (412 when it changed since); {@code *}: must exist; {@code null}: any
     * @param createOnly If-None-Match: * (412 when the namespace already has a schema)
     */
    public Uni<Stored> put(String tenantId, String namespace, JsonNode schema, String ifMatch, boolean createOnly) {
        Keys.requireValid("namespace", namespace);
        if (namespace.contains(".")) {
            throw ConfigProblems.invalidInput("namespace", "a namespace is a single key segment");
        }
        if (!schema.isObject()) {
            throw ConfigProblems.unprocessable(ConfigProblems.INVALID_SCHEMA, "A JSON Schema must be an object.",
                    List.of());
        }
        ValidationReport problems = compiler.inspect(schema);
        if (!problems.valid()) {
            throw ConfigProblems.unprocessable(ConfigProblems.INVALID_SCHEMA, "Not a usable JSON Schema: "
                    + count(problems.errors().size(), "problem") + ".", problems.violations());
        }
        Schema usable;
        try {
            usable = compiler.compile(schema);
        } catch (RuntimeException e) {
            throw ConfigProblems.unprocessable(ConfigProblems.INVALID_SCHEMA,
                    "Not a usable JSON Schema: " + e.getMessage(), List.of());
        }
        String text = Json.write(schema);
        return writeLocks.serialized(lockOf(tenantId, namespace), () -> store.get(tenantId, namespace)
                .invoke(current -> requirePrecondition(namespace, current, ifMatch, createOnly))
                .chain(() -> configured.plainViews(tenantId))
                .invoke(views -> requireMetBy(namespace, usable, views))
                .chain(() -> store.put(tenantId, namespace, text))
                .invoke(() -> compiled.put(tenantId, namespace, text, usable))
                .map(created -> new Stored(namespace, schema, Hashes.tag(text), created)));
    }

    public Uni<Stored> get(String tenantId, String namespace) {
        return store.get(tenantId, namespace).map(text -> {
            if (text == null) {
                throw ProblemException.notFound("No schema for namespace '" + namespace + "'.");
            }
            return new Stored(namespace, Json.parse(text), Hashes.tag(text), false);
        });
    }

    private static void requirePrecondition(String namespace, String current, String ifMatch, boolean createOnly) {
        if (createOnly && current != null) {
            throw ProblemException.preconditionFailed("Namespace '" + namespace
                    + "' already has a schema (If-None-Match: *).");
        }
        if (ifMatch != null && !ifMatch.isBlank() && current == null) {
            throw ProblemException.preconditionFailed("Namespace '" + namespace + "' has no schema to replace "
                    + "(If-Match).");
        }
        if (current != null) {
            ETags.requireMatch(ifMatch, Hashes.tag(current));
        }
    }

    /** One schema write at a time per namespace (its If-Match check and the write are one step). */
    private static String lockOf(String tenantId, String namespace) {
        return RedisKeys.prefix(tenantId) + "lock:schema:" + namespace;
    }

    public Uni<Set<String>> namespaces(String tenantId) {
        return store.all(tenantId).map(all -> new TreeSet<>(all.keySet()));
    }

    public Uni<Void> delete(String tenantId, String namespace, String ifMatch) {
        Uni<Void> checked = ifMatch == null || ifMatch.isBlank() ? Uni.createFrom().voidItem()
                : store.get(tenantId, namespace).invoke(current -> {
                    if (current != null) {
                        requirePrecondition(namespace, current, ifMatch, false);
                    }
                }).replaceWithVoid();
        return writeLocks.serialized(lockOf(tenantId, namespace), () -> checked
                .chain(() -> store.delete(tenantId, namespace))).map(removed -> {
            compiled.invalidate(tenantId, namespace);
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
                Schema schema = compiledSchema(tenantId, namespace, schemaText);
                ValidationReport report = validate(namespace, schema, namespaceDocument(namespace, merged));
                report.errors().forEach(error -> errors.add(new ValidationError(
                        "/" + namespace + error.pointer(), error.message(), error.keyword())));
            }
            if (!errors.isEmpty()) {
                ValidationReport all = ValidationReport.of(errors);
                throw ConfigProblems.unprocessable(ConfigProblems.SCHEMA_VIOLATION, "The change breaks the schema: "
                        + count(errors.size(), "violation") + ".", all.violations());
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

    /**
     * Refuses (409) a schema that values already in the namespace break: each offending key once, with the views
     * (tenant, tenant@env) it breaks in. A view without any value in the namespace has nothing to break.
     */
    private void requireMetBy(String namespace, Schema schema, Map<String, Map<String, JsonNode>> views) {
        Map<ValidationError, List<String>> broken = new LinkedHashMap<>();
        views.forEach((view, values) -> {
            boolean hasValues = values.keySet().stream()
                    .anyMatch(key -> key.equals(namespace) || key.startsWith(namespace + "."));
            if (hasValues) {
                validate(namespace, schema, namespaceDocument(namespace, values)).errors().forEach(error -> broken
                        .computeIfAbsent(new ValidationError("/" + namespace + error.pointer(), error.message(),
                                error.keyword()), ignored -> new ArrayList<>())
                        .add(view));
            }
        });
        if (!broken.isEmpty()) {
            List<ValidationError> errors = new ArrayList<>();
            broken.forEach((error, inViews) -> errors.add(new ValidationError(error.pointer(),
                    error.message() + " (in " + String.join(", ", inViews) + ")", error.keyword())));
            throw ConfigProblems.conflict(ConfigProblems.SCHEMA_CONFLICT, "Values already stored in namespace '"
                    + namespace + "' break this schema (" + count(errors.size(), "violation")
                    + "); change or delete them first, then save the schema.", ValidationReport.of(errors).violations());
        }
    }

    /** A stored schema that no longer compiles (e.g. saved before today's limits) refuses writes rather than crash. */
    private Schema compiledSchema(String tenantId, String namespace, String text) {
        try {
            return compiled.get(tenantId, namespace, text);
        } catch (RuntimeException e) {
            throw ConfigProblems.unprocessable(ConfigProblems.INVALID_SCHEMA, "The schema of namespace '" + namespace
                    + "' is not usable (" + e.getMessage() + "); save a corrected schema.", List.of());
        }
    }

    private ValidationReport validate(String namespace, Schema schema, JsonNode document) {
        try {
            return compiler.validate(schema, document);
        } catch (IllegalArgumentException e) {
            throw ConfigProblems.unprocessable(ConfigProblems.INVALID_SCHEMA, "The schema of namespace '" + namespace
                    + "' is not usable: " + e.getMessage() + ".", List.of());
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
