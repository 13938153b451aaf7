package io.tenancycore.workflow.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tenancycore.commons.error.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workflows shipped with the service ({@code templates/<name>.yaml}), the same for every tenant: listed beside a
 * tenant's own definitions, read-only, their names reserved. Each is validated at start-up like an upload, so a broken
 * template stops the service rather than a tenant's provisioning.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class BuiltInTemplates {

    public static final String TENANT_PROVISIONING = "tenant_provisioning";
    public static final String TENANT_DEPROVISIONING = "tenant_deprovisioning";
    static final List<String> NAMES = List.of(TENANT_PROVISIONING, TENANT_DEPROVISIONING);
    public static final List<String> NAMES_PUBLIC = NAMES;

    private final Map<String, Definition> templates = new LinkedHashMap<>();

    public BuiltInTemplates(DefinitionValidator validator, io.tenancycore.workflow.engine.WorkflowEngine engine) {
        Instant shipped = Instant.EPOCH;
        for (String name : NAMES) {
            JsonNode document = load("templates/" + name + ".yaml");
            List<Violation> violations = new java.util.ArrayList<>(validator.validateBuiltIn(document));
            engine.buildProblem(document).ifPresent(problem -> violations.add(new Violation("do", problem,
                    "not_executable")));
            if (!violations.isEmpty()) {
                throw new IllegalStateException("built-in template " + name + " is invalid: " + violations);
            }
            templates.put(name, new Definition(name, 1, document.path("document").path("dsl").asText(), true, shipped,
                    DefinitionService.digest(document), document));
        }
    }

    public boolean isReserved(String name) {
        return templates.containsKey(name);
    }

    public Optional<Definition> find(String name) {
        return Optional.ofNullable(templates.get(name));
    }

    public List<Definition> all() {
        return List.copyOf(templates.values());
    }

    private static JsonNode load(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing built-in template " + resource);
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
