package io.tenancycore.alert.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.receiver.ReceiverService;
import io.tenancycore.alert.support.VersionedStore;
import io.tenancycore.alert.support.VersionedStore.Versioned;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A tenant's routing document ({@code alert:{t}:routing}, one entry): written whole with If-Match, compiled on write
 * (every problem in one 422) and on read by the notifier, which keeps compiled trees a few seconds per replica.
 */
@ApplicationScoped
public class RoutingService {

    static final String NAME = "document";
    static final Duration CACHE = Duration.ofSeconds(2);

    private final VersionedStore<RoutingDocument> store;
    private final ReceiverService receivers;
    private final AsyncCache<String, Optional<Routing>> compiled = Caffeine.newBuilder()
            .expireAfterWrite(CACHE).maximumSize(10_000).buildAsync();

    public RoutingService(ReactiveRedisDataSource redis, ObjectMapper mapper, ReceiverService receivers) {
        this.store = new VersionedStore<>(redis, mapper, "routing", RoutingDocument.class);
        this.receivers = receivers;
    }

    public Uni<Versioned<RoutingDocument>> get(String tenantId) {
        return store.find(tenantId, NAME).map(found -> found.orElseThrow(() -> ProblemException.notFound(
                "Tenant '" + tenantId + "' has no routing document; PUT one.")));
    }

    public Uni<Versioned<RoutingDocument>> put(String tenantId, RoutingDocument document, long expectedVersion) {
        return receivers.names(tenantId).chain(names -> {
            List<Violation> violations = new ArrayList<>();
            Routing.compile(document, names, violations);
            if (!violations.isEmpty()) {
                throw ProblemException.unprocessable("The routing document breaks the rules listed in violations.",
                        violations);
            }
            return store.put(tenantId, NAME, document, expectedVersion, 1);
        }).invoke(() -> compiled.synchronous().invalidate(tenantId))
                .map(version -> new Versioned<>(document, version));
    }

    public Uni<Void> delete(String tenantId, long expectedVersion) {
        return store.delete(tenantId, NAME, expectedVersion).invoke(existed -> {
            compiled.synchronous().invalidate(tenantId);
            if (!existed) {
                throw ProblemException.notFound("Tenant '" + tenantId + "' has no routing document.");
            }
        }).replaceWithVoid();
    }

    /**
     * The tenant's compiled routing, empty when it has none. A stored document that no longer compiles (a receiver was
     * deleted since) still routes: receivers are looked up at delivery, where a missing one is a recorded failure.
     */
    public Uni<Optional<Routing>> routing(String tenantId) {
        CompletableFuture<Optional<Routing>> cached = compiled.getIfPresent(tenantId);
        if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
            // asked once per alert of a batch: a tree already compiled is answered without a completion stage (whose
            // context propagation showed in the ingest profile)
            return Uni.createFrom().item(cached.join());
        }
        return Uni.createFrom().completionStage(() -> compiled.get(tenantId, (tenant, executor) -> store
                .find(tenant, NAME).map(found -> found.map(v -> Routing.compile(v.value(), null, new ArrayList<>())))
                .subscribeAsCompletionStage()));
    }
}
