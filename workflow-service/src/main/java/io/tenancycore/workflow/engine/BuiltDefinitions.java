package io.tenancycore.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverlessworkflow.impl.WorkflowApplication;
import io.serverlessworkflow.impl.WorkflowDefinition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The runtime's builds of definitions, at most {@code capacity} kept by this process. A {@link WorkflowApplication}
 * keeps every definition it built, for as long as it lives, in a map nothing outside it can remove from (7.13.4: a
 * {@code ConcurrentHashMap} filled by {@code workflowDefinition(..)}, emptied only by {@code close()}), and tenants
 * may create versions without end. So definitions are built in one application (a generation) until it holds
 * {@code capacity} of them; the next build goes to a new application, and this process forgets the old one:
 * instances still running on its definitions finish on them (they hold them), and the garbage collector takes the
 * application with the last of them. Its definitions are closed at once, which only cancels what a {@code schedule}
 * registered and empties their resource caches — nothing a running instance needs. Successive applications share
 * their threads (executor, scheduler) and event transport, so a forgotten one holds no thread.
 * <p>
 * A build is looked up by (tenant, name, version) and used only for the very document it was built from: version
 * numbers are never given twice (see {@code DefinitionStore}), and should another document ever come with a known
 * key, it is built in a new generation, never run under the old build — the runtime caches by (namespace, name,
 * version) too.
 */
final class BuiltDefinitions {

    private static final Logger LOG = Logger.getLogger(BuiltDefinitions.class);

    /** One definition version of one tenant (built-in templates too: their namespace is the tenant). */
    record Key(String tenantId, String name, long version) {
    }

    private record Built(JsonNode document, WorkflowDefinition definition) {
    }

    private record Generation(WorkflowApplication application, Map<Key, Built> builds) {
    }

    private final Supplier<WorkflowApplication> applications;
    private final int capacity;
    private volatile Generation current;
    private long renewals;

    BuiltDefinitions(Supplier<WorkflowApplication> applications, int capacity) {
        this.applications = applications;
        this.capacity = Math.max(1, capacity);
        this.current = new Generation(applications.get(), new ConcurrentHashMap<>());
    }

    /** The build of {@code document} under {@code key}, made by {@code build} in the current application if needed. */
    WorkflowDefinition get(Key key, JsonNode document, Function<WorkflowApplication, WorkflowDefinition> build) {
        Built built = current.builds().get(key);
        if (built != null && built.document().equals(document)) {
            return built.definition();
        }
        synchronized (this) {
            Generation generation = current;
            built = generation.builds().get(key);
            if (built != null && built.document().equals(document)) {
                return built.definition();
            }
            if (built != null || generation.builds().size() >= capacity) {
                if (built != null) {
                    LOG.warnf("definition %s of tenant %s at version %d came with another document; building it in "
                            + "a new runtime application", key.name(), key.tenantId(), key.version());
                }
                generation = renew(generation);
            }
            WorkflowDefinition definition = build.apply(generation.application());
            generation.builds().put(key, new Built(document, definition));
            return definition;
        }
    }

    private Generation renew(Generation old) {
        Generation next = new Generation(applications.get(), new ConcurrentHashMap<>());
        current = next;
        renewals++;
        for (WorkflowDefinition definition : old.application().workflowDefinitions().values()) {
            try {
                definition.close();
            } catch (RuntimeException e) {
                LOG.debugf(e, "closing definition %s", definition.id());
            }
        }
        return next;
    }

    /** Builds this process keeps (those of the current application). */
    int size() {
        return current.builds().size();
    }

    /** The current application (the one new builds go to). */
    WorkflowApplication application() {
        return current.application();
    }

    synchronized long renewals() {
        return renewals;
    }

    /** At shutdown: the current application, with the threads and event transport every generation shared. */
    void close() {
        current.application().close();
    }
}
