package io.tenancycore.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.serverlessworkflow.api.WorkflowFormat;
import io.serverlessworkflow.api.WorkflowReader;
import io.serverlessworkflow.api.types.Workflow;
import io.serverlessworkflow.impl.DefaultExecutorServiceFactory;
import io.serverlessworkflow.impl.ExecutorServiceFactory;
import io.serverlessworkflow.impl.WorkflowApplication;
import io.serverlessworkflow.impl.events.InMemoryEvents;
import io.serverlessworkflow.impl.scheduler.DefaultWorkflowScheduler;
import io.serverlessworkflow.impl.scheduler.WorkflowScheduler;
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
import io.tenancycore.commons.tls.InternalTls;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import io.serverlessworkflow.impl.config.ConfigManager;
import io.tenancycore.workflow.calls.CallRefusals;
import io.tenancycore.workflow.calls.EmptyResponseAsJson;
import io.tenancycore.workflow.calls.ExternalCallFilter;
import io.tenancycore.workflow.calls.ExternalCallPolicy;
import io.tenancycore.workflow.calls.ServiceCallFilter;
import io.tenancycore.workflow.calls.ServiceTokens;
import io.tenancycore.workflow.mail.WelcomeMailer;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The reference runtime of this process, set up for durable execution: our journal listener, our {@code wait}, no
 * lifecycle CloudEvents of its own (we publish ours on {@code tenancy.workflow-events}). Two
 * {@link WorkflowApplication}s, because who wrote a definition decides what it may reach: tenants' definitions run in
 * one whose HTTP client follows the {@link ExternalCallPolicy} (external allow-list, public addresses only, no token)
 * and which has no secrets; the built-in templates run in one whose client reaches only our services, with this
 * service's token. Each kind is renewed when it holds {@code definitions.runtime-cache-size} builds
 * ({@link BuiltDefinitions}), so a process keeps a bounded number of definitions. Definitions are keyed by tenant:
 * the runtime caches definitions by (namespace, name, version), so each document is handed over with namespace =
 * tenant, name = our definition name and version = our version number — two tenants' definitions of the same name
 * can never be mistaken for one another.
 */
@ApplicationScoped
public class WorkflowEngine {

    private BuiltDefinitions tenantDefinitions;
    private TenantScopedEvents tenantEvents;
    private BuiltDefinitions platformDefinitions;
    private Client tenantClient;
    private Client platformClient;

    @Inject
    WorkflowConfig config;

    @Inject
    CallRefusals refusals;

    @Inject
    ServiceTokens serviceTokens;

    @Inject
    WelcomeMailer mailer;

    @Inject
    EventTransport events;

    /** Under internal TLS, the built-in templates' calls to our services trust the platform CA. */
    @Inject
    InternalTls internalTls;

    @ConfigProperty(name = "tenancy.instance-id")
    String instanceId;

    @PostConstruct
    void start() {
        tenantClient = httpClient().register(new ExternalCallFilter(externalCallPolicy(config), refusals)).build();
        ClientBuilder toServices = httpClient();
        internalTls.trustStore().ifPresent(toServices::trustStore);
        platformClient = toServices.register(new ServiceCallFilter(serviceUrls(),
                Map.of(WelcomeMailer.SERVICE, mailer::send), serviceTokens)).build();
        tenantEvents = new TenantScopedEvents(events, config.events().replayInterval());
        int kept = config.definitions().runtimeCacheSize();
        ExecutorServiceFactory tenantThreads = new DefaultExecutorServiceFactory();
        WorkflowScheduler tenantScheduler = new DefaultWorkflowScheduler();
        tenantDefinitions = new BuiltDefinitions(() -> application(tenantClient, tenantThreads, tenantScheduler)
                .withEventConsumer(tenantEvents)
                .withEventPublisher(tenantEvents)
                .withSecretManager(name -> Map.of())
                .withConfigManager(new NoConfig())
                .build(), kept);
        ExecutorServiceFactory platformThreads = new DefaultExecutorServiceFactory();
        WorkflowScheduler platformScheduler = new DefaultWorkflowScheduler();
        InMemoryEvents platformEvents = new InMemoryEvents(platformThreads);
        platformDefinitions = new BuiltDefinitions(() -> application(platformClient, platformThreads,
                platformScheduler).withEventConsumer(platformEvents).withEventPublisher(platformEvents).build(), kept);
    }

    /** The call policy of tenants' definitions, from {@code tenancy.workflow.http.*} (also used at upload). */
    public static ExternalCallPolicy externalCallPolicy(WorkflowConfig config) {
        List<String> internal = new ArrayList<>(config.http().internalHosts());
        serviceUrls().values().forEach(url -> internal.add(url.getHost()));
        return new ExternalCallPolicy(config.http().external().allowedHosts().orElse(List.of()), internal,
                config.http().external().exemptAddresses().orElse(List.of()), InetAddress::getAllByName);
    }

    /** Our services, by the name a built-in template uses in {@code svc://<name>/...}. */
    static Map<String, URI> serviceUrls() {
        var cfg = ConfigProvider.getConfig();
        Map<String, URI> urls = new LinkedHashMap<>();
        for (String service : SERVICES) {
            cfg.getOptionalValue("quarkus.rest-client." + service + ".url", String.class)
                    .ifPresent(url -> urls.put(service, URI.create(url)));
        }
        return urls;
    }

    private static final List<String> SERVICES = List.of("config-service", "security-service", "alert-service",
            "template-service");

    /** Redirects are never followed: a 3xx is an answer, not a new target the policy has not seen. */
    private ClientBuilder httpClient() {
        ClientBuilder builder = ClientBuilder.newBuilder()
                .connectTimeout(config.http().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.http().readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(new EmptyResponseAsJson());
        if (builder instanceof org.jboss.resteasy.reactive.client.impl.ClientBuilderImpl reactive) {
            reactive.followRedirects(false);
        }
        return builder;
    }

    /** Every application of one kind (tenants', the platform's) shares {@code threads} and {@code scheduler}. */
    private WorkflowApplication.Builder application(Client client, ExecutorServiceFactory threads,
            WorkflowScheduler scheduler) {
        HttpModelConverter jsonResponses = new HttpModelConverter() {
            @Override
            public Class<?> responseType() {
                return JsonNode.class;
            }
        };
        return WorkflowApplication.builder()
                .withId(instanceId)
                .withExecutorFactory(threads)
                .withScheduler(scheduler)
                .withTaskExecutorFactory(new DurableTaskExecutorFactory())
                .withListener(new JournalListener())
                .withAdditionalObject(HttpClientResolver.HTTP_CLIENT_PROVIDER, new ConstantAdditionalObject<>(client))
                .withAdditionalObject(HttpConverterResolver.HTTP_MODEL_CONVERTER,
                        new ConstantAdditionalObject<>(jsonResponses))
                .disableLifeCycleCEPublishing();
    }

    /** Tenants' workflows see no configuration of this process (the runtime's default reads system properties). */
    private static final class NoConfig implements ConfigManager {
        @Override
        public <T> java.util.Optional<T> config(String name, Class<T> type) {
            return java.util.Optional.empty();
        }

        @Override
        public Iterable<String> names() {
            return List.of();
        }
    }

    @PreDestroy
    void stop() {
        tenantDefinitions.close();
        platformDefinitions.close();
        tenantClient.close();
        platformClient.close();
    }

    /**
     * An event from the bus ({@code tenancy.events.*}), published at {@code publishedAt}, to the listens of its tenant
     * waiting in this process since then.
     */
    public java.util.concurrent.CompletableFuture<Void> deliver(io.cloudevents.CloudEvent event,
            java.time.Instant publishedAt) {
        return tenantEvents.deliver(event, publishedAt);
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

    /**
     * The runtime's definition of a tenant's definition version, built once while this process keeps it (see
     * {@link BuiltDefinitions}); {@code builtIn} only for the templates shipped with the service, whose calls carry the
     * service's token.
     */
    public WorkflowDefinition definition(String tenantId, String name, long version, JsonNode document,
            boolean builtIn) {
        return (builtIn ? platformDefinitions : tenantDefinitions).get(
                new BuiltDefinitions.Key(tenantId, name, version), document, application -> {
                    Workflow workflow = read(document);
                    workflow.getDocument().setNamespace(tenantId);
                    workflow.getDocument().setName(name);
                    workflow.getDocument().setVersion(Long.toString(version));
                    return builtIn ? application.workflowDefinition(workflow)
                            : TenantScopedEvents.buildingFor(tenantId, () -> application.workflowDefinition(workflow));
                });
    }

    /** Tenants' definitions this process keeps built (tests). */
    BuiltDefinitions tenantDefinitions() {
        return tenantDefinitions;
    }

    /**
     * A new instance, or one resumed from its journal when {@code resumedFrom} (its first start) is given.
     */
    public DurableInstance instance(WorkflowDefinition definition, String id, JsonNode input, ExecutionJournal journal,
            Instant resumedFrom) {
        return new DurableInstance(definition, id,
                definition.application().modelFactory().fromOther(input == null ? NullNode.instance : input), journal, resumedFrom);
    }
}
