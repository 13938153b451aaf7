package io.tenancycore.alert.silence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.support.AlertsConfig;
import io.tenancycore.alert.support.LabelMatcher;
import io.tenancycore.alert.support.VersionedStore;
import io.tenancycore.alert.support.VersionedStore.Versioned;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's silences ({@code alert:{t}:silences}). Deleting one expires it (Alertmanager semantics), so it stays
 * listed as {@code expired}; the notifier asks {@link #active} at every group flush, so an expiry restores
 * notifications at the group's next interval.
 */
@ApplicationScoped
public class SilenceService {

    /** A silence in force, compiled. */
    public record ActiveSilence(String id, List<LabelMatcher> matchers) {
        public boolean silences(Map<String, String> labels) {
            return LabelMatcher.all(matchers, labels);
        }
    }

    private final VersionedStore<Silence> store;
    private final AlertsConfig config;

    public SilenceService(ReactiveRedisDataSource redis, ObjectMapper mapper, AlertsConfig config) {
        this.store = new VersionedStore<>(redis, mapper, "silences", Silence.class);
        this.config = config;
    }

    public Uni<Versioned<Silence>> create(String tenantId, SilenceRequest request, String author) {
        Silence silence = validate(UUID.randomUUID().toString(), request, author);
        return store.put(tenantId, silence.id(), silence, 0, config.maxObjectsPerTenant())
                .map(version -> new Versioned<>(silence.withStatus(Instant.now()), version));
    }

    public Uni<Versioned<Silence>> replace(String tenantId, String id, SilenceRequest request, String author,
            long expectedVersion) {
        return get(tenantId, id).chain(existing -> {
            Silence silence = validate(id, request, author);
            return store.put(tenantId, id, silence, expectedVersion, config.maxObjectsPerTenant())
                    .map(version -> new Versioned<>(silence.withStatus(Instant.now()), version));
        });
    }

    public Uni<Versioned<Silence>> get(String tenantId, String id) {
        return store.find(tenantId, id).map(found -> found
                .map(v -> new Versioned<>(v.value().withStatus(Instant.now()), v.version()))
                .orElseThrow(() -> ProblemException.notFound("No silence '" + id + "'.")));
    }

    public Uni<List<Silence>> list(String tenantId) {
        Instant now = Instant.now();
        return store.values(tenantId).map(all -> all.stream().map(s -> s.withStatus(now))
                .sorted(Comparator.comparing(Silence::startsAt).thenComparing(Silence::id)).toList());
    }

    /** Expires the silence now (it stays listed); 404 when unknown. */
    public Uni<Void> expire(String tenantId, String id, long expectedVersion) {
        return store.find(tenantId, id).chain(found -> {
            if (found.isEmpty()) {
                throw ProblemException.notFound("No silence '" + id + "'.");
            }
            Silence s = found.get().value();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            if (!now.isBefore(s.endsAt())) {
                return Uni.createFrom().voidItem();
            }
            Silence expired = new Silence(s.id(), s.matchers(), s.startsAt().isAfter(now) ? now : s.startsAt(), now,
                    s.createdBy(), s.comment(), now, null);
            return store.put(tenantId, id, expired, expectedVersion < 0 ? found.get().version() : expectedVersion,
                    config.maxObjectsPerTenant()).replaceWithVoid();
        });
    }

    public Uni<List<ActiveSilence>> active(String tenantId, Instant now) {
        return store.values(tenantId).map(all -> all.stream()
                .filter(s -> "active".equals(s.statusAt(now)))
                .map(s -> new ActiveSilence(s.id(), LabelMatcher.compile(s.matchers(), "matchers", new ArrayList<>())))
                .toList());
    }

    private static Silence validate(String id, SilenceRequest request, String author) {
        List<Violation> violations = new ArrayList<>();
        if (request == null) {
            throw ProblemException.unprocessable("A silence is required.", List.of(new Violation("body",
                    "is required", "required")));
        }
        if (request.matchers() == null || request.matchers().isEmpty()) {
            violations.add(new Violation("matchers", "at least one matcher", "required"));
        } else {
            LabelMatcher.compile(request.matchers(), "matchers", violations);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant starts = request.startsAt() == null ? now : request.startsAt().truncatedTo(ChronoUnit.MILLIS);
        if (request.endsAt() == null) {
            violations.add(new Violation("ends_at", "is required", "required"));
        } else if (!request.endsAt().isAfter(starts)) {
            violations.add(new Violation("ends_at", "must be after starts_at", "range"));
        } else if (!request.endsAt().isAfter(now)) {
            violations.add(new Violation("ends_at", "must be in the future", "range"));
        } else if (request.endsAt().isAfter(starts.plus(365, ChronoUnit.DAYS))) {
            violations.add(new Violation("ends_at", "a silence lasts at most a year", "range"));
        }
        if (request.comment() != null && request.comment().length() > 1000) {
            violations.add(new Violation("comment", "at most 1000 characters", "too_long"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The silence breaks the rules listed in violations.", violations);
        }
        return new Silence(id, List.copyOf(request.matchers()), starts, request.endsAt().truncatedTo(ChronoUnit.MILLIS),
                author, request.comment(), now, null);
    }
}
