package io.tenancycore.workflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.profile.IfBuildProfile;
import io.serverlessworkflow.api.WorkflowFormat;
import io.serverlessworkflow.api.WorkflowReader;
import io.serverlessworkflow.impl.WorkflowApplication;
import io.serverlessworkflow.impl.WorkflowDefinition;
import io.smallrye.mutiny.Uni;
import io.tenancycore.workflow.definition.DefinitionService;
import io.tenancycore.commons.validation.DocumentFormat;
import io.tenancycore.workflow.instance.InstanceRecord;
import io.tenancycore.workflow.instance.InstanceService;
import io.tenancycore.workflow.instance.InstanceTransition;
import io.tenancycore.workflow.instance.StartRequest;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two sides of {@code benchmarks/workflow-5task.sh}, in one process: the same 5-task definition (set, switch,
 * set, set, set; no external calls) run to completion by the bare reference runtime in memory ({@code /bench/bare/run})
 * and by this service's durable path ({@code /bench/durable/run}: start as the API does — stored record, Redis
 * journal of every task, lease and heartbeat, events, metrics — and answer when the instance completed). The ratio is
 * the price of durability. No token or tenant check on either. Only built with {@code -Dquarkus.profile=bench}.
 */
@IfBuildProfile("bench")
@ApplicationScoped
@Path("/bench")
@Produces(MediaType.APPLICATION_JSON)
public class FiveTaskBenchResource {

    static final String TENANT = "bench";
    static final String NAME = "five-tasks";
    static final String DOCUMENT = """
            document:
              dsl: '1.0.0'
              namespace: bench
              name: five-tasks
              version: '1.0.0'
            do:
              - first:
                  set:
                    n: ${ (.n // 0) + 1 }
              - decide:
                  switch:
                    - small:
                        when: ${ .n < 10 }
                        then: second
                    - large:
                        then: second
              - second:
                  set:
                    n: ${ .n * 2 }
              - third:
                  set:
                    n: ${ .n + 3 }
                    label: ${ "n=" + (.n | tostring) }
              - fourth:
                  set:
                    result: ${ .n }
                    label: ${ .label }
            """;

    private final Map<String, CompletableFuture<InstanceRecord>> pending = new ConcurrentHashMap<>();
    private final DefinitionService definitions;
    private final InstanceService instances;
    private final ObjectMapper mapper;
    private Uni<Object> defined;
    private WorkflowApplication bare;
    private WorkflowDefinition bareDefinition;

    public FiveTaskBenchResource(DefinitionService definitions, InstanceService instances, ObjectMapper mapper) {
        this.definitions = definitions;
        this.instances = instances;
        this.mapper = mapper;
    }

    @PostConstruct
    void setUp() {
        bare = WorkflowApplication.builder().disableLifeCycleCEPublishing().build();
        try {
            bareDefinition = bare.workflowDefinition(WorkflowReader.readWorkflowFromString(DOCUMENT,
                    WorkflowFormat.YAML));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The definition is stored once (the first request), not on every run. */
    private synchronized Uni<Object> defined() {
        if (defined == null) {
            defined = definitions.put(TENANT, NAME, DOCUMENT, DocumentFormat.YAML, null).map(o -> (Object) o)
                    .memoize().indefinitely();
        }
        return defined;
    }

    @PreDestroy
    void tearDown() {
        bare.close();
    }

    @POST
    @Path("/bare/run")
    public Uni<JsonNode> bare() {
        return Uni.createFrom().completionStage(() -> bareDefinition.instance(Map.of("n", 1)).start())
                .map(output -> output.as(JsonNode.class).orElse(null));
    }

    @POST
    @Path("/durable/run")
    public Uni<JsonNode> durable() {
        return defined().chain(ignored -> instances.start(TENANT, new StartRequest(NAME, null, null, null,
                        mapper.createObjectNode().put("n", 1))))
                .chain(record -> {
                    CompletableFuture<InstanceRecord> done = pending.computeIfAbsent(record.id,
                            id -> new CompletableFuture<>());
                    return Uni.createFrom().completionStage(done).ifNoItem().after(Duration.ofSeconds(30)).fail();
                })
                .map(record -> {
                    pending.remove(record.id);
                    return record.output;
                });
    }

    void onEnd(@Observes InstanceTransition transition) {
        if (TENANT.equals(transition.record().tenantId) && (transition.kind() == InstanceTransition.Kind.COMPLETED
                || transition.kind() == InstanceTransition.Kind.FAILED)) {
            pending.computeIfAbsent(transition.record().id, id -> new CompletableFuture<>())
                    .complete(transition.record());
        }
    }
}
