package io.tenancycore.workflow.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.serverlessworkflow.impl.WorkflowDefinition;
import io.serverlessworkflow.impl.WorkflowModel;
import io.tenancycore.workflow.config.WorkflowConfig;
import io.tenancycore.workflow.definition.BuiltInTemplates;
import io.tenancycore.workflow.engine.DurableInstance;
import io.tenancycore.workflow.engine.EventTransport;
import io.tenancycore.workflow.engine.WorkflowEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs instances durably. Each runs under its Redis lease ({@code workflow:{t}:lease:<id>}), renewed every heartbeat;
 * a replica that cannot renew stops its copy at once. Every scan interval (and at start-up) the replica looks at the
 * instances not yet final and resumes those whose lease expired — their replica died — from their journal: completed
 * tasks are replayed, not run, and waits keep their deadlines. The heartbeat also delivers cancel requests made on
 * another replica.
 */
@ApplicationScoped
public class InstanceRunner {

    private static final Logger LOG = Logger.getLogger(InstanceRunner.class);

    private final Map<String, RunningInstance> local = new ConcurrentHashMap<>();
    private final InstanceStore store;
    private final WorkflowEngine engine;
    private final ReactiveRedisDataSource redis;
    private final WorkflowConfig config;
    private final Event<InstanceTransition> transitions;
    private final ObjectMapper mapper;
    private final EventTransport events;
    private final String owner;
    private ScheduledExecutorService timer;
    private ExecutorService starter;
    private volatile boolean stopping;

    public InstanceRunner(InstanceStore store, WorkflowEngine engine, ReactiveRedisDataSource redis,
            WorkflowConfig config, Event<InstanceTransition> transitions, ObjectMapper mapper, EventTransport events,
            @ConfigProperty(name = "tenancy.instance-id") String owner) {
        this.events = events;
        this.store = store;
        this.engine = engine;
        this.redis = redis;
        this.config = config;
        this.transitions = transitions;
        this.mapper = mapper;
        this.owner = owner;
    }

    void onStart(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "workflow-runner-timer"));
        starter = Executors.newCachedThreadPool(r -> new Thread(r, "workflow-runner"));
        long heartbeat = config.runner().heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::scan, 0, config.runner().scanInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A graceful stop gives the leases back, so another replica resumes the instances without waiting for expiry. */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (timer != null) {
            timer.shutdownNow();
        }
        local.values().forEach(running -> {
            if (running.instance != null) {
                running.instance.abandon();
            }
            running.lease.release();
        });
        local.clear();
        if (starter != null) {
            starter.shutdownNow();
        }
    }

    boolean runsLocally(String tenantId, String id) {
        return local.containsKey(InstanceStore.activeMember(tenantId, id));
    }

    /** Cancels the copy running here, if any. */
    boolean cancelLocally(String tenantId, String id) {
        RunningInstance running = local.get(InstanceStore.activeMember(tenantId, id));
        if (running != null && running.instance != null) {
            running.instance.cancel();
            return true;
        }
        return false;
    }

    InstanceLease lease(String tenantId, String id) {
        return new InstanceLease(redis, InstanceStore.leaseKey(tenantId, id), owner);
    }

    /** The lease owner this replica writes (its instance id). */
    String owner() {
        return owner;
    }

    /** Starts a new instance here whose lease {@link InstanceStore#create} already took for this replica. */
    void launchLeased(InstanceRecord record, Journal journal) {
        InstanceLease lease = lease(record.tenantId, record.id);
        starter.execute(() -> run(new RunningInstance(record, journal, lease, store,
                config.runner().maxTaskRecords()), false));
    }

    /** Starts a new (or retried) instance here; the caller already stored it. */
    void launch(InstanceRecord record, Journal journal) {
        InstanceLease lease = lease(record.tenantId, record.id);
        if (!lease.tryAcquire(config.runner().leaseTtl())) {
            return; // another replica already picked it up
        }
        starter.execute(() -> run(new RunningInstance(record, journal, lease, store,
                config.runner().maxTaskRecords()), false));
    }

    private void run(RunningInstance running, boolean resumed) {
        InstanceRecord record = running.record;
        local.put(running.key(), running);
        try {
            // a built-in name is reserved (no tenant can write one), so it runs with the platform's client
            WorkflowDefinition definition = engine.definition(record.tenantId, record.definition, record.version,
                    running.journal.document, BuiltInTemplates.NAMES_PUBLIC.contains(record.definition));
            boolean continuing = resumed || !running.journal.completed.isEmpty();
            if (record.startedAt == null) {
                record.startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            }
            DurableInstance instance = engine.instance(definition, record.id, record.input, running,
                    continuing ? record.startedAt : null);
            running.instance = instance;
            if (resumed) {
                record.resumedCount++;
            }
            record.status = InstanceStatus.RUNNING;
            if (resumed) {
                running.persist();
            } // a new instance is written "running" with its first task that acts outside, or when it ends
            transitions.fire(new InstanceTransition(resumed ? InstanceTransition.Kind.RESUMED
                    : InstanceTransition.Kind.STARTED, record));
            instance.start().whenComplete((output, error) -> finish(running, output, error));
        } catch (RuntimeException e) {
            LOG.errorf(e, "instance %s of tenant %s could not start", record.id, record.tenantId);
            finish(running, null, e);
        }
    }

    private void finish(RunningInstance running, WorkflowModel output, Throwable error) {
        InstanceRecord record = running.record;
        local.remove(running.key());
        if (running.instance != null && running.instance.abandoned()) {
            // another replica holds it now, or this one is stopping: the journal stays as it was, but this replica
            // no longer runs it (the active gauge counts it down)
            transitions.fire(new InstanceTransition(InstanceTransition.Kind.RELEASED, record));
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        synchronized (running) {
            record.endedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            record.durationMs = record.startedAt == null ? null
                    : Duration.between(record.startedAt, record.endedAt).toMillis();
            InstanceTransition.Kind kind;
            if (cause == null) {
                record.status = InstanceStatus.COMPLETED;
                record.output = output == null ? null : output.as(JsonNode.class).orElse(null);
                kind = InstanceTransition.Kind.COMPLETED;
            } else if (cause instanceof CancellationException) {
                record.status = InstanceStatus.CANCELLED;
                kind = InstanceTransition.Kind.CANCELLED;
            } else {
                record.status = InstanceStatus.FAILED;
                record.error = io.tenancycore.workflow.engine.WorkflowErrors.describe(cause);
                kind = InstanceTransition.Kind.FAILED;
            }
            boolean released = false;
            try {
                running.persistFinal(owner);
                released = true;
                forgetListens(running);
            } finally {
                if (!released) {
                    running.lease.release();
                }
            }
            transitions.fire(new InstanceTransition(kind, record));
        }
    }

    /** A final instance waits for no event any more (a listen cancelled or failed never heard its event). */
    private void forgetListens(RunningInstance running) {
        for (String position : running.journal.listens.keySet()) {
            try {
                events.notListening(running.record.tenantId, DurableInstance.listener(running.record.id, position));
            } catch (RuntimeException e) {
                LOG.warnf("could not forget the listen %s of instance %s: %s", position, running.record.id, e);
            }
        }
    }

    private void heartbeat() {
        for (RunningInstance running : local.values()) {
            try {
                if (!running.lease.renew(config.runner().leaseTtl())) {
                    LOG.warnf("lost the lease of instance %s; stopping this replica's copy", running.record.id);
                    local.remove(running.key());
                    if (running.instance != null) {
                        running.instance.abandon();
                    }
                } else if (store.cancelRequested(running.record.tenantId, running.record.id)
                        && running.instance != null) {
                    running.instance.cancel();
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "heartbeat of instance %s failed", running.record.id);
            }
        }
    }

    /** Resumes the active instances nobody holds. */
    void scan() {
        if (stopping) {
            return;
        }
        try {
            for (String member : store.active()) {
                if (local.containsKey(member) || stopping) {
                    continue;
                }
                int slash = member.indexOf('/');
                if (slash < 0) {
                    store.forgetActive(member);
                    continue;
                }
                resume(member.substring(0, slash), member.substring(slash + 1));
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "scan for instances to resume failed");
        }
    }

    void resume(String tenantId, String id) {
        if (local.containsKey(InstanceStore.activeMember(tenantId, id))) {
            return;
        }
        InstanceLease lease = lease(tenantId, id);
        if (!lease.tryAcquire(config.runner().leaseTtl())) {
            return;
        }
        Optional<InstanceRecord> record = store.find(tenantId, id);
        Optional<Journal> journal = store.journal(tenantId, id);
        if (record.isEmpty() || journal.isEmpty() || record.get().status.isFinal()) {
            store.forgetActive(InstanceStore.activeMember(tenantId, id));
            lease.release();
            return;
        }
        RunningInstance running = new RunningInstance(record.get(), journal.get(), lease, store,
                config.runner().maxTaskRecords());
        if (store.cancelRequested(tenantId, id)) {
            // cancelled while nobody ran it
            finish(running, null, new CancellationException("cancelled"));
            return;
        }
        LOG.infof("resuming instance %s of tenant %s from its journal (%d completed tasks)", id, tenantId,
                journal.get().completed.size());
        starter.execute(() -> run(running, true));
    }

    /** For the API: the record as this replica has it right now, if it runs it. */
    Optional<InstanceRecord> localRecord(String tenantId, String id) {
        return Optional.ofNullable(local.get(InstanceStore.activeMember(tenantId, id))).map(r -> r.record);
    }

    ObjectMapper mapper() {
        return mapper;
    }
}
