package io.tenancycore.gateway.subscription;

import io.tenancycore.commons.events.filter.EventFilter;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creates, lists and removes a tenant's subscriptions (every broken rule of a new one listed in one 422), and answers
 * the dispatcher's question "which subscriptions want this event?" from a short-lived per-replica cache of the
 * tenant's subscriptions, so a busy tenant costs one Redis read per {@value #CACHE_SECONDS} s, not one per event.
 */
@ApplicationScoped
public class SubscriptionService {

    static final int CACHE_SECONDS = 5;
    private static final Duration MIN_DELAY = Duration.ofMillis(10);
    private static final Duration MAX_DELAY = Duration.ofHours(1);
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern IP_LITERAL = Pattern.compile("^[0-9.]+$|^\\[?[0-9a-fA-F:]+]?$");

    private record Compiled(Subscription subscription, EventFilter filter) {
    }

    private final SubscriptionStore store;
    private final SubscriptionsConfig config;
    private final AsyncCache<String, List<Compiled>> byTenant = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(CACHE_SECONDS)).maximumSize(10_000).buildAsync();

    public SubscriptionService(SubscriptionStore store, SubscriptionsConfig config) {
        this.store = store;
        this.config = config;
    }

    public Uni<Subscription> create(String tenantId, SubscriptionRequest request) {
        List<Violation> violations = new ArrayList<>();
        checkSink(request == null ? null : request.sink(), violations);
        EventFilter.compile(request == null ? null : request.filters(), "filters", violations);
        Delivery delivery = checkDelivery(request == null ? null : request.delivery(), violations);
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The subscription breaks the rules listed in violations.",
                    violations);
        }
        Subscription subscription = new Subscription(UUID.randomUUID().toString(), request.sink(),
                request.filters(), delivery, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return store.count(tenantId).chain(count -> {
            if (count >= config.maxPerTenant()) {
                throw ProblemException.conflict("Tenant '" + tenantId + "' has " + count
                        + " subscriptions, the most it may have; delete one first.");
            }
            return store.save(tenantId, subscription);
        }).invoke(() -> byTenant.synchronous().invalidate(tenantId)).replaceWith(subscription);
    }

    public Uni<List<Subscription>> list(String tenantId) {
        return store.all(tenantId);
    }

    public Uni<Subscription> get(String tenantId, String id) {
        return store.find(tenantId, id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<Void> delete(String tenantId, String id) {
        return store.delete(tenantId, id).invoke(existed -> {
            if (!existed) {
                throw notFound(id);
            }
            byTenant.synchronous().invalidate(tenantId);
        }).replaceWithVoid();
    }

    /** The tenant's subscriptions whose filters match the event. */
    public Uni<List<Subscription>> matching(String tenantId, CloudEvent event) {
        return Uni.createFrom().completionStage(() -> byTenant.get(tenantId, (tenant, executor) -> store.all(tenant)
                .map(all -> all.stream().map(SubscriptionService::compile).toList())
                .subscribeAsCompletionStage()))
                .map(all -> all.stream().filter(compiled -> compiled.filter().test(event))
                        .map(Compiled::subscription).toList());
    }

    private static Compiled compile(Subscription subscription) {
        return new Compiled(subscription, EventFilter.compile(subscription.filters(), "filters", new ArrayList<>()));
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("No subscription '" + id + "'.");
    }

    private void checkSink(String sink, List<Violation> violations) {
        if (sink == null || sink.isBlank()) {
            violations.add(new Violation("sink", "is required", "required"));
            return;
        }
        URI uri;
        try {
            uri = new URI(sink);
        } catch (URISyntaxException e) {
            violations.add(new Violation("sink", "must be an http or https URL", "invalid_url"));
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            violations.add(new Violation("sink", "must be an http or https URL", "invalid_url"));
            return;
        }
        if (!config.allowPrivateSinks() && isPrivate(uri.getHost())) {
            violations.add(new Violation("sink", "must not point at loopback, private or link-local addresses",
                    "private_sink"));
        }
    }

    /** Judges literal addresses only (no DNS lookup on the request path). */
    static boolean isPrivate(String host) {
        if (host.equalsIgnoreCase("localhost") || host.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(host.replace("[", "").replace("]", ""));
            return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                    || address.isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private Delivery checkDelivery(Delivery requested, List<Violation> violations) {
        Delivery delivery = (requested == null ? Delivery.DEFAULTS : requested).withDefaults();
        if (delivery.retry() < 0 || delivery.retry() > config.maxRetry()) {
            violations.add(new Violation("delivery.retry", "must be between 0 and " + config.maxRetry(), "range"));
        }
        if (delivery.backoffDelay().compareTo(MIN_DELAY) < 0 || delivery.backoffDelay().compareTo(MAX_DELAY) > 0) {
            violations.add(new Violation("delivery.backoff_delay", "must be between PT0.01S and PT1H", "range"));
        }
        if (delivery.timeout().isNegative() || delivery.timeout().isZero()
                || delivery.timeout().compareTo(MAX_TIMEOUT) > 0) {
            violations.add(new Violation("delivery.timeout", "must be above zero and at most PT60S", "range"));
        }
        return delivery;
    }
}
