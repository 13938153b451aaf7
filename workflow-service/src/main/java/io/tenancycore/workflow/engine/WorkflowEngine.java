package io.tenancycore.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.serverlessworkflow.api.WorkflowFormat;
import io.serverlessworkflow.api.WorkflowReader;
import io.serverlessworkflow.api.types.Workflow;
import io.serverlessworkflow.impl.WorkflowApplication;
import io.serverlessworkflow.impl.WorkflowDefinition;
import io.serverlessworkflow.impl.additional.ConstantAdditionalObject;
import io.serverlessworkflow.impl.executors.http.HttpClientResolver;
import io.serverlessworkflow.impl.executors.http.HttpConverterResolver;
import io.serverlessworkflow.impl.executors.http.HttpModelConverter;
import io.tenancycore.workflow.config.WorkflowConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one reference-runtime {@link WorkflowApplication} of this process, set up for durable execution: our journal
 * listener, our {@code wait}, an HTTP client limited to the allow-list, no lifecycle CloudEvents of its own (we publish
 * ours on {@code tenancy.workflow-events}). Definitions are keyed by tenant: the runtime caches definitions by
 * (namespace, name, version), so each document is handed over with namespace = tenant, name = our definition name and
 * version = our version number — two tenants' definitions of the same name can never be mistaken for one another.
 */
@ApplicationScoped
public class WorkflowEngine {

    private final Map<String, WorkflowDefinition> definitions = new ConcurrentHashMap<>();
    private WorkflowApplication application;
    private Client httpClient;

    @Inject
    WorkflowConfig config;

    @ConfigProperty(name = "tenancy.instance-id")
    String instanceId;

    @PostConstruct
    void start() {
        Set<String> allowed = config.http().allowedHosts().stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
        httpClient = ClientBuilder.newBuilder()
                .connectTimeout(config.http().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.http().readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(new CallTargetFilter(allowed))
                .build();
        HttpModelConverter jsonResponses = new HttpModelConverter() {
            @Override
            public Class<?> responseType() {
                return JsonNode.class;
            }
        };
        application = WorkflowApplication.builder()
                .withId(instanceId)
                .withTaskExecutorFactory(new DurableTaskExecutorFactory())
                .withListener(new JournalListener())
                .withAdditionalObject(HttpClientResolver.HTTP_CLIENT_PROVIDER, new ConstantAdditionalObject<>(httpClient))
                .withAdditionalObject(HttpConverterResolver.HTTP_MODEL_CONVERTER,
                        new ConstantAdditionalObject<>(jsonResponses))
                .disableLifeCycleCEPublishing()
                .build();
    }

    @PreDestroy
    void stop() {
        application.close();
        httpClient.close();
    }

    /** Reads a document already validated against the DSL schema. */
    public static Workflow read(JsonNode document) {
        try {
            return WorkflowReader.readWorkflowFromString(document.toString(), WorkflowFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Why the runtime could not build this (schema-valid) document, if it cannot: built by a throwaway application, so
     * uploads leave nothing in this process's definition cache.
     */
    public java.util.Optional<String> buildProblem(JsonNode document) {
        try (WorkflowApplication scratch = WorkflowApplication.builder()
                .withTaskExecutorFactory(new DurableTaskExecutorFactory())
                .disableLifeCycleCEPublishing()
                .build()) {
            scratch.workflowDefinition(read(document));
            return java.util.Optional.empty();
        } catch (RuntimeException e) {
            return java.util.Optional.of(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** The runtime's definition of a tenant's definition version, built once per process. */
    public WorkflowDefinition definition(String tenantId, String name, long version, JsonNode document) {
        return definitions.computeIfAbsent(tenantId + "\u0000" + name + "\u0000" + version, key -> {
            Workflow workflow = read(document);
            workflow.getDocument().setNamespace(tenantId);
            workflow.getDocument().setName(name);
            workflow.getDocument().setVersion(Long.toString(version));
            return application.workflowDefinition(workflow);
        });
    }

    /**
     * A new instance, or one resumed from its journal when {@code resumedFrom} (its first start) is given.
     */
    public DurableInstance instance(WorkflowDefinition definition, String id, JsonNode input, ExecutionJournal journal,
            Instant resumedFrom) {
        return new DurableInstance(definition, id,
                application.modelFactory().fromOther(input == null ? NullNode.instance : input), journal, resumedFrom);
    }
}
