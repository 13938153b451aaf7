package io.tenancycore.workflow.instance;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.workflow.definition.Definition;
import io.tenancycore.workflow.definition.DefinitionService;
import io.tenancycore.workflow.definition.StartableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** Starting, reading, listing, cancelling and retrying a tenant's instances; the {@link InstanceRunner} runs them. */
@ApplicationScoped
public class InstanceService {

    /** Starts tried per request when definitions keep changing under it (see {@link StartableDefinition}). */
    private static final int STALE_DEFINITION_ATTEMPTS = 3;

    private final InstanceStore store;
    private final InstanceRunner runner;
    private final DefinitionService definitions;
    private final io.tenancycore.workflow.config.WorkflowConfig config;

    private final TenantContext caller;

    public InstanceService(InstanceStore store, InstanceRunner runner, DefinitionService definitions,
            io.tenancycore.workflow.config.WorkflowConfig config, TenantContext caller) {
        this.caller = caller;
        this.config = config;
        this.store = store;
        this.runner = runner;
        this.definitions = definitions;
    }

    public Uni<InstanceRecord> start(String tenantId, StartRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (request == null) {
            violations.add(new Violation("", "a body naming a definition or a template is required", "required"));
        } else {
            boolean byDefinition = request.definition() != null && !request.definition().isBlank();
            boolean byTemplate = request.template() != null && !request.template().isBlank();
            if (byDefinition == byTemplate) {
                violations.add(new Violation("definition", "give exactly one of definition and template",
                        "one_of"));
            }
            if (byTemplate && !io.tenancycore.workflow.definition.BuiltInTemplates.NAMES_PUBLIC.contains(
                    request.template())) {
                violations.add(new Violation("template", "'" + request.template()
                        + "' is not a built-in template", "unknown_template"));
            }
            if (request.tenantId() != null && !request.tenantId().equals(tenantId)) {
                violations.add(new Violation("tenant_id", "must be the tenant of the path, " + tenantId,
                        "tenant_mismatch"));
            }
            if (request.input() != null && !request.input().isObject() && !request.input().isNull()) {
                violations.add(new Violation("input", "must be an object", "type"));
            }
            if (request.version() != null && request.version() < 1) {
                violations.add(new Violation("version", "must be a version number (1, 2, ...)", "range"));
            }
        }
        if (!violations.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.unprocessable(
                    "The start request breaks the rules listed in violations.", violations));
        }
        String name = request.template() != null && !request.template().isBlank() ? request.template()
                : request.definition();
        try {
            requirePlatformFor(name, caller.isPlatformClient());
        } catch (ProblemException refused) {
            return Uni.createFrom().failure(refused);
        }
        return definitions.forStart(tenantId, name, request.version(), false)
                .flatMap(definition -> created(tenantId, definition, request, 1));
    }

    /**
     * Starts a built-in template for an event, once per {@code dedupKey} (the event's id): a redelivered event starts
     * nothing.
     */
    public Uni<java.util.Optional<InstanceRecord>> startOnce(String tenantId, String template,
            com.fasterxml.jackson.databind.JsonNode input, String dedupKey) {
        return definitions.forStart(tenantId, template, null, false).flatMap(definition -> {
            String id = UUID.randomUUID().toString();
            if (!store.claim(tenantId, dedupKey, id)) {
                return Uni.createFrom().item(java.util.Optional.<InstanceRecord>empty());
            }
            return created(tenantId, definition, new StartRequest(null, null, template, tenantId, input), 1)
                    .map(java.util.Optional::of);
        });
    }

    /**
     * Creates and launches the instance; when the definition this replica had in memory turned out stale, reads it
     * from Redis and tries again (a few times: another replica may be saving versions in quick succession).
     */
    private Uni<InstanceRecord> created(String tenantId, StartableDefinition definition, StartRequest request,
            int attempt) {
        return create(tenantId, definition, request).flatMap(record -> {
            if (record.isPresent()) {
                return Uni.createFrom().item(record.get());
            }
            if (attempt >= STALE_DEFINITION_ATTEMPTS) {
                return Uni.createFrom().failure(ProblemException.conflict("Definition '"
                        + definition.definition().name()
                        + "' kept changing while the instance was being started; start it again."));
            }
            return definitions.forStart(tenantId, definition.definition().name(), request.version(), true)
                    .flatMap(fresh -> created(tenantId, fresh, request, attempt + 1));
        });
    }

    /** Empty when the definition is stale (nothing written). */
    private Uni<java.util.Optional<InstanceRecord>> create(String tenantId, StartableDefinition startable,
            StartRequest request) {
        Definition definition = startable.definition();
        InstanceRecord record = new InstanceRecord();
        record.id = UUID.randomUUID().toString();
        record.tenantId = tenantId;
        record.definition = definition.name();
        record.version = definition.version();
        record.status = InstanceStatus.PENDING;
        record.input = request.input() == null || request.input().isNull()
                ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : request.input();
        record.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Journal journal = new Journal();
        journal.document = definition.document();
        return store.create(record, journal, startable, config.runner().maxActivePerTenant(), runner.owner(),
                config.runner().leaseTtl()).map(active -> {
                    if (active == InstanceStore.STALE_DEFINITION) {
                        return java.util.Optional.empty();
                    }
                    if (active != InstanceStore.CREATED) {
                        throw new jakarta.ws.rs.WebApplicationException("The tenant has " + active
                                + " instances not yet finished, the most it may have; retry when some have ended.",
                                jakarta.ws.rs.core.Response.status(429).header("Retry-After", "5").build());
                    }
                    runner.launchLeased(record, journal);
                    return java.util.Optional.of(record);
                });
    }

    public Uni<InstanceRecord> get(String tenantId, String id) {
        return blocking(() -> store.find(tenantId, id).orElseThrow(() -> notFound(id)));
    }

    public Uni<List<InstanceRecord>> list(String tenantId, InstanceStatus status, String definition) {
        return blocking(() -> store.list(tenantId).stream()
                .filter(r -> status == null || r.status == status)
                .filter(r -> definition == null || definition.equals(r.definition))
                .map(InstanceService::summary)
                .toList());
    }

    /**
     * Asks the instance to stop: at once when this replica runs it or nobody does, at the next heartbeat of the
     * replica that does.
     */
    public Uni<InstanceRecord> cancel(String tenantId, String id) {
        boolean platform = caller.isPlatformClient();
        return blocking(() -> {
            InstanceRecord record = store.find(tenantId, id).orElseThrow(() -> notFound(id));
            requirePlatformFor(record.definition, platform);
            if (record.status.isFinal()) {
                throw ProblemException.conflict("Instance " + id + " is already " + record.status.wire() + ".");
            }
            store.requestCancel(tenantId, id);
            if (!runner.cancelLocally(tenantId, id)) {
                // nobody holds it (between replicas): take it and end it here; otherwise its replica's heartbeat will
                runner.resume(tenantId, id);
            }
            return store.find(tenantId, id).orElse(record);
        });
    }

    /** Runs a failed instance again from its failed task: completed tasks keep their results. */
    public Uni<InstanceRecord> retry(String tenantId, String id) {
        boolean platform = caller.isPlatformClient();
        return blocking(() -> {
            InstanceRecord record = store.find(tenantId, id).orElseThrow(() -> notFound(id));
            requirePlatformFor(record.definition, platform);
            if (record.status != InstanceStatus.FAILED) {
                throw ProblemException.conflict("Only a failed instance can be retried; " + id + " is "
                        + record.status.wire() + ".");
            }
            Journal journal = store.journal(tenantId, id).orElseThrow(() -> notFound(id));
            record.status = InstanceStatus.PENDING;
            record.error = null;
            record.endedAt = null;
            record.durationMs = null;
            store.reactivate(record, journal);
            runner.launch(record, journal);
            return record;
        });
    }

    /**
     * The built-in templates act on a tenant with this service's own token (they create its clients and keys, set its
     * status): only a platform identity may start, cancel or retry them, never the tenant itself.
     */
    private static void requirePlatformFor(String definition, boolean platformCaller) {
        if (io.tenancycore.workflow.definition.BuiltInTemplates.NAMES_PUBLIC.contains(definition) && !platformCaller) {
            throw ProblemException.forbidden(ProblemTypes.PERMISSION_DENIED, "Built-in template '" + definition
                    + "' acts with the platform's authority; only a platform client may start, cancel or retry it.");
        }
    }

    /** Lists leave out the bulky parts. */
    private static InstanceRecord summary(InstanceRecord full) {
        full.tasks = null;
        full.input = null;
        full.output = null;
        return full;
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("No workflow instance '" + id + "'.");
    }

    static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
