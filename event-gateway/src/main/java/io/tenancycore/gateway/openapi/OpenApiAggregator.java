package io.tenancycore.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.mutiny.Uni;
import io.smallrye.openapi.runtime.io.Format;
import io.tenancycore.gateway.edge.EdgeConfig;
import io.tenancycore.gateway.edge.EdgePath;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The gateway's public OpenAPI document: its own (the event bus) plus every service's {@code /q/openapi} under its
 * {@code /api/{service}} prefix, so one URL serves a client generator. Documents are fetched at most once per
 * {@code tenancy.gateway.openapi.cache-ttl}; a service that does not answer keeps its last document, or is listed
 * under {@code x-tenancy-unavailable-services} until it answers.
 */
@ApplicationScoped
public class OpenApiAggregator {

    static final String UNAVAILABLE = "x-tenancy-unavailable-services";
    private static final Logger LOG = Logger.getLogger(OpenApiAggregator.class);

    private final EdgeConfig config;
    private final ObjectMapper mapper;
    private final Instance<OpenApiDocumentService> ownDocument;
    private final HttpClient client;
    private final Duration ttl;
    private final Map<String, JsonNode> lastKnown = new ConcurrentHashMap<>();
    private volatile Cached cached;

    private record Cached(ObjectNode document, long expiresAtNanos) {
    }

    public OpenApiAggregator(EdgeConfig config, OpenApiConfig openApiConfig, ObjectMapper mapper, Vertx vertx,
            Instance<OpenApiDocumentService> ownDocument) {
        this.config = config;
        this.mapper = mapper;
        this.ownDocument = ownDocument;
        this.ttl = openApiConfig.cacheTtl();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) openApiConfig.fetchTimeout().toMillis()));
    }

    public Uni<ObjectNode> document() {
        Cached current = cached;
        if (current != null && System.nanoTime() < current.expiresAtNanos()) {
            return Uni.createFrom().item(current.document());
        }
        Map<String, Future<JsonNode>> fetches = new TreeMap<>();
        config.upstreams().forEach((service, upstream) -> upstream.openapiUrl()
                .ifPresent(url -> fetches.put(service, fetch(service, url))));
        List<Future<JsonNode>> all = new ArrayList<>(fetches.values());
        return Uni.createFrom().completionStage(Future.join(all).toCompletionStage())
                .onFailure().recoverWithNull()
                .map(ignored -> merge(fetches));
    }

    private ObjectNode merge(Map<String, Future<JsonNode>> fetches) {
        OpenApiMerger merger = new OpenApiMerger(own());
        List<String> unavailable = new ArrayList<>();
        fetches.forEach((service, fetch) -> {
            JsonNode document = fetch.succeeded() ? fetch.result() : lastKnown.get(service);
            if (document == null) {
                unavailable.add(service);
            } else {
                merger.add(service, EdgePath.PREFIX + service, document);
            }
        });
        ObjectNode document = merger.document();
        if (!unavailable.isEmpty()) {
            document.putPOJO(UNAVAILABLE, unavailable);
        }
        // a document missing a service is served, but not kept: the next request asks again
        cached = new Cached(document, System.nanoTime() + (unavailable.isEmpty() ? ttl.toNanos() : 0));
        return document;
    }

    private Future<JsonNode> fetch(String service, String url) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .addHeader("Accept", "application/json").setIdleTimeout(ttl.toMillis());
        return client.request(request).compose(req -> req.send()).compose(response -> {
            if (response.statusCode() != 200) {
                return Future.failedFuture(service + " answered " + response.statusCode());
            }
            return response.body();
        }).map(this::parse).onSuccess(document -> lastKnown.put(service, document))
                .onFailure(failure -> LOG.warnf("OpenAPI document of %s unavailable: %s", service, failure.toString()));
    }

    private JsonNode parse(Buffer body) {
        try {
            return mapper.readTree(body.getBytes());
        } catch (IOException e) {
            throw new IllegalStateException("not a JSON OpenAPI document", e);
        }
    }

    /** The gateway's own document (its event bus API), as smallrye-openapi serves it on the management port. */
    private ObjectNode own() {
        try {
            if (ownDocument.isResolvable()) {
                byte[] json = ownDocument.get().getDocument(OpenApiConstants.DEFAULT_DOCUMENT_NAME, Format.JSON);
                if (json != null && json.length > 0 && mapper.readTree(json) instanceof ObjectNode own) {
                    return own;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the gateway's own OpenAPI document is unavailable: %s", e.toString());
        }
        ObjectNode empty = mapper.createObjectNode().put("openapi", "3.1.0");
        empty.putObject("info").put("title", "Tenancy Core API").put("version", "1");
        return empty;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
