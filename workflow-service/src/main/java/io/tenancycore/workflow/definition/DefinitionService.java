package io.tenancycore.workflow.definition;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tenancycore.commons.api.ETags;
import io.tenancycore.commons.digest.Digests;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.validation.DocumentFormat;
import io.tenancycore.commons.validation.JsonSchemaValidator;
import io.tenancycore.workflow.config.WorkflowConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A tenant's workflow definitions: uploads checked whole (size 413, syntax 400, every rule broken 422), versions (a
 * changed document is a new version, an unchanged one is not), If-Match, the per-tenant limit, and the built-in
 * templates listed beside them with their names reserved.
 */
@ApplicationScoped
public class DefinitionService {

    /** Our definition names (path segments); a document's own {@code name} may also use capitals. */
    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_-]{1,62}$");

    /** A definition as it was saved, and whether the save created it or added a version. */
    public record Outcome(Definition definition, boolean created) {
    }

    private final DefinitionStore store;
    private final DefinitionValidator validator;
    private final BuiltInTemplates templates;
    private final JsonSchemaValidator parser;
    private final WorkflowConfig config;
    private final io.tenancycore.workflow.engine.WorkflowEngine engine;
    private final DefinitionCache cache;

    public DefinitionService(DefinitionStore store, DefinitionValidator validator, BuiltInTemplates templates,
            JsonSchemaValidator parser, WorkflowConfig config, io.tenancycore.workflow.engine.WorkflowEngine engine,
            DefinitionCache cache) {
        this.engine = engine;
        this.cache = cache;
        this.store = store;
        this.validator = validator;
        this.templates = templates;
        this.parser = parser;
        this.config = config;
    }

    public Uni<List<Definition>> list(String tenantId) {
        return blocking(() -> {
            List<Definition> all = new ArrayList<>(templates.all().stream().map(Definition::withoutDocument).toList());
            store.latest(tenantId).forEach(d -> all.add(d.withoutDocument()));
            return all;
        });
    }

    /** The latest version, or {@code version} when given; built-in templates first. */
    public Uni<Definition> get(String tenantId, String name, Long version) {
        return blocking(() -> find(tenantId, name, version));
    }

    /**
     * The definition to start an instance of: the latest version, or {@code version} when given, from this replica's
     * cache unless {@code fresh} (the create script found the cached one stale), else read from Redis and cached.
     */
    public Uni<StartableDefinition> forStart(String tenantId, String name, Long version, boolean fresh) {
        if (!fresh && templates.find(name).isEmpty()) {
            // in memory: no worker thread (the create script checks it against Redis anyway)
            StoredDefinition cached = cache.find(tenantId, name, version).orElse(null);
            if (cached != null) {
                return Uni.createFrom().item(new StartableDefinition(cached.definition(), cached.fingerprint(),
                        version == null));
            }
        }
        return blocking(() -> {
            var template = templates.find(name);
            if (template.isPresent()) {
                return new StartableDefinition(find(tenantId, name, version), null, false);
            }
            StoredDefinition stored = fresh ? null : cache.find(tenantId, name, version).orElse(null);
            if (stored == null) {
                stored = (version == null ? store.findLatestStored(tenantId, name)
                        : store.findStored(tenantId, name, version)).orElseThrow(() -> notFound(name, version));
                cache.remember(tenantId, name, version, stored);
            }
            return new StartableDefinition(stored.definition(), stored.fingerprint(), version == null);
        });
    }

    Definition find(String tenantId, String name, Long version) {
        var template = templates.find(name);
        if (template.isPresent()) {
            if (version != null && version != template.get().version()) {
                throw notFound(name, version);
            }
            return template.get();
        }
        if (version == null) {
            return store.findLatest(tenantId, name).orElseThrow(() -> notFound(name, null));
        }
        return store.find(tenantId, name, version).orElseThrow(() -> notFound(name, version));
    }

    /** {@code POST}: the name comes from the document's {@code document.name}; the name must be free. */
    public Uni<Outcome> create(String tenantId, String body, DocumentFormat format) {
        return blocking(() -> {
            JsonNode document = parse(body, format);
            String name = document.path("document").path("name").asText("").toLowerCase(Locale.ROOT);
            if (!NAME.matcher(name).matches()) {
                throw ProblemException.unprocessable("The definition needs a name.", List.of(new Violation(
                        "document.name", "must be 2 to 63 letters, digits, '-' or '_', starting with a letter",
                        "invalid_name")));
            }
            return save(tenantId, name, document, 0, true);
        });
    }

    /** {@code PUT}: creates the definition or adds a version when the document changed. */
    public Uni<Outcome> put(String tenantId, String name, String body, DocumentFormat format, String ifMatch) {
        return blocking(() -> {
            checkName(name);
            long expected = ETags.expectedVersion(ifMatch);
            return save(tenantId, name, parse(body, format), expected, false);
        });
    }

    public Uni<Void> delete(String tenantId, String name, String ifMatch) {
        return blocking(() -> {
            checkName(name);
            long outcome = store.delete(tenantId, name, ETags.expectedVersion(ifMatch),
                    config.definitions().retiredNamesKept());
            cache.forget(tenantId, name);
            if (outcome == 0) {
                throw notFound(name, null);
            }
            if (outcome < 0) {
                throw ProblemException.preconditionFailed("Definition '" + name
                        + "' has a newer version than If-Match names; read it again.");
            }
            return null;
        });
    }

    private Outcome save(String tenantId, String name, JsonNode document, long expected, boolean mustBeNew) {
        if (templates.isReserved(name)) {
            throw ProblemException.conflict("'" + name + "' is a built-in template: its name is reserved and it "
                    + "cannot be changed; upload your own workflow under another name.");
        }
        List<Violation> violations = new ArrayList<>(validator.validate(document));
        if (violations.isEmpty()) {
            engine.buildProblem(document).ifPresent(problem -> violations.add(new Violation("do",
                    "the workflow runtime cannot build this workflow (" + problem + ")", "not_executable")));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The workflow document breaks the rules listed in violations.",
                    violations);
        }
        Definition definition = new Definition(name, 0, document.path("document").path("dsl").asText(), false,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), digest(document), document);
        DefinitionStore.Saved saved;
        try {
            saved = store.save(tenantId, definition, expected, config.definitions().versionsKept(),
                    config.definitions().maxPerTenant());
        } catch (DefinitionStore.VersionMismatch e) {
            if (mustBeNew) {
                throw ProblemException.conflict("A definition named '" + name + "' exists; PUT it to add a version.");
            }
            throw ProblemException.preconditionFailed("Definition '" + name + "' is at version " + e.current
                    + ", not the one If-Match names; read it again and retry with its ETag.");
        } catch (DefinitionStore.TooManyDefinitions e) {
            throw ProblemException.conflict("The tenant has " + config.definitions().maxPerTenant()
                    + " definitions, the most it may have; delete one first.");
        }
        if (saved.changed()) {
            cache.forget(tenantId, name);
        }
        return new Outcome(store.find(tenantId, name, saved.version()).orElseThrow(), saved.created());
    }

    private JsonNode parse(String body, DocumentFormat format) {
        int bytes = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > config.definitions().maxDocumentBytes()) {
            throw new ProblemException(ProblemTypes.PAYLOAD_TOO_LARGE, 413, "Payload Too Large", "The document has "
                    + bytes + " bytes; a workflow document may have at most " + config.definitions().maxDocumentBytes()
                    + ".", List.of());
        }
        try {
            return parser.parse(body, format);
        } catch (JacksonException e) {
            throw new ProblemException(ProblemTypes.MALFORMED_BODY, 400, "Bad Request", "The document is not "
                    + "well-formed " + format + ": " + e.getOriginalMessage(), List.of());
        }
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw ProblemException.badRequest("'" + name + "' is not a definition name.", List.of(new Violation(
                    "name", "must be 2 to 63 lower-case letters, digits, '-' or '_', starting with a letter",
                    "invalid_name")));
        }
    }

    private static ProblemException notFound(String name, Long version) {
        return ProblemException.notFound("No workflow definition '" + name + "'"
                + (version == null ? "" : " at version " + version) + ".");
    }

    static String digest(JsonNode document) {
        return Digests.sha256Hex(document.toString());
    }

    static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
