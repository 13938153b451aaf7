package io.tenancycore.alert.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.history.HistoryEntry;
import io.tenancycore.alert.history.HistoryStore;
import io.tenancycore.alert.support.AlertsConfig;
import io.tenancycore.alert.support.Fingerprint;
import io.tenancycore.alert.support.TenantWriter;
import io.tenancycore.alert.support.TenantWrites;
import io.tenancycore.commons.digest.Digests;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Ingestion, deduplication and the life of alerts: a post whose labels give a known fingerprint updates that alert
 * (counted in {@code occurrences}), re-fires it when it was resolved, or resolves it when its {@code ends_at} has
 * passed; acknowledge and resolve come from people, expiry from the sweep. Every state change is written to the
 * alert's and the tenant's history and told to the {@link AlertListener}s (grouping, escalation).
 */
@ApplicationScoped
public class AlertService {

    /** Alert names: the seed's {@code system.high_cpu}, Prometheus' {@code HighCPU}, {@code a:b-c}. */
    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_.:\\-]{1,200}$");
    static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");
    static final int MAX_DATA_DEPTH = 10;

    /** An alert as ingested: the stored alert, whether it was new, and what changed ("" when nothing did). */
    public record Ingested(Alert alert, boolean created, String change) {
    }

    /** The change of a repeated post to an active alert: stored and regrouped, no history entry. */
    private static final String UPDATED = "updated";
    /** Reads and scripts tried before a batch whose alerts keep changing under concurrent posts is a 503. */
    private static final int MAX_ATTEMPTS = 10;

    private final AlertStore store;
    private final TenantWriter writer;
    private final HistoryStore history;
    private final AlertsConfig config;
    private final ObjectMapper mapper;
    private final Instance<AlertListener> listeners;
    private final IngestLanes lanes;
    private final KnownAlerts known;

    public AlertService(AlertStore store, TenantWriter writer, HistoryStore history, AlertsConfig config,
            ObjectMapper mapper, Instance<AlertListener> listeners) {
        this.store = store;
        this.writer = writer;
        this.history = history;
        this.config = config;
        this.mapper = mapper;
        this.listeners = listeners;
        this.known = new KnownAlerts(config.knownAlerts());
        this.lanes = new IngestLanes((tenantId, posts) -> attempt(tenantId, posts, 1), config.maxBatch());
    }

    /** Checks one alert; violations are named under {@code prefix} (e.g. {@code [3].labels}). */
    public Alert validate(AlertRequest request, String source, String prefix, List<Violation> violations) {
        if (request == null) {
            violations.add(new Violation(prefix.isEmpty() ? "body" : prefix, "an alert object is required",
                    "required"));
            return null;
        }
        String name = request.name();
        if (name == null || name.isBlank()) {
            violations.add(new Violation(field(prefix, "name"), "is required", "required"));
        } else if (!NAME.matcher(name).matches()) {
            violations.add(new Violation(field(prefix, "name"),
                    "1 to 200 letters, digits, '_', '.', ':' or '-'", "pattern"));
        }
        Map<String, String> labels = new TreeMap<>();
        if (request.labels() != null) {
            labels.putAll(request.labels());
        }
        if (name != null) {
            String named = labels.put(Alert.NAME_LABEL, name);
            if (named != null && !named.equals(name)) {
                violations.add(new Violation(field(prefix, "labels.alertname"), "must equal name", "conflict"));
            }
        }
        String severity = request.severity();
        if (severity != null) {
            String labelled = labels.putIfAbsent(Alert.SEVERITY_LABEL, severity);
            if (labelled != null && !labelled.equals(severity)) {
                violations.add(new Violation(field(prefix, "severity"), "differs from labels.severity", "conflict"));
            }
        }
        severity = labels.getOrDefault(Alert.SEVERITY_LABEL, "warning");
        checkLabels(labels, field(prefix, "labels"), config.maxLabelValueLength(), violations);
        checkLabels(request.annotations() == null ? Map.of() : request.annotations(), field(prefix, "annotations"),
                config.maxAnnotationValueLength(), violations);
        JsonNode data = request.data();
        if (data != null && !data.isNull()) {
            if (!data.isObject()) {
                violations.add(new Violation(field(prefix, "data"), "must be an object", "type"));
            } else if (depth(data) > MAX_DATA_DEPTH) {
                violations.add(new Violation(field(prefix, "data"), "nests deeper than " + MAX_DATA_DEPTH, "depth"));
            } else if (size(data) > config.maxDataBytes()) {
                violations.add(new Violation(field(prefix, "data"), "is larger than " + config.maxDataBytes()
                        + " bytes", "too_large"));
            }
        }
        if (request.generatorUrl() != null && request.generatorUrl().length() > 2048) {
            violations.add(new Violation(field(prefix, "generator_url"), "at most 2048 characters", "too_long"));
        }
        if (request.startsAt() != null && request.endsAt() != null && request.endsAt().isBefore(request.startsAt())) {
            violations.add(new Violation(field(prefix, "ends_at"), "must not be before starts_at", "range"));
        }
        if (!violations.isEmpty()) {
            // no alert from a refused request: its labels may hold nulls a fingerprint cannot take
            return null;
        }
        Instant now = now();
        Instant startsAt = request.startsAt() == null ? now : request.startsAt().truncatedTo(ChronoUnit.MILLIS);
        Instant endsAt = request.endsAt() == null ? null : request.endsAt().truncatedTo(ChronoUnit.MILLIS);
        boolean ended = endsAt != null && !endsAt.isAfter(now);
        return new Alert(Fingerprint.of(labels), name, ended ? AlertState.RESOLVED : AlertState.FIRING, severity,
                labels, request.annotations() == null ? Map.of() : new TreeMap<>(request.annotations()),
                data == null || data.isNull() ? null : data, request.generatorUrl(), source, startsAt, endsAt, now,
                null, null, ended ? endsAt : null, null);
    }

    private void checkLabels(Map<String, String> labels, String field, int maxValue, List<Violation> violations) {
        if (labels.size() > config.maxLabels()) {
            violations.add(new Violation(field, "at most " + config.maxLabels() + " entries", "too_many"));
            return;
        }
        labels.forEach((key, value) -> {
            if (key == null || key.length() > config.maxLabelNameLength() || !LABEL_NAME.matcher(key).matches()) {
                violations.add(new Violation(field, "'" + truncate(key) + "' is not a label name ([a-zA-Z_][a-zA-Z0-9_]*, at most "
                        + config.maxLabelNameLength() + " characters)", "invalid_label_name"));
            } else if (value == null || value.length() > maxValue) {
                violations.add(new Violation(field + "." + key, "a string of at most " + maxValue + " characters",
                        "invalid_label_value"));
            }
        });
    }

    /** Stores an already validated alert: created, deduplicated into the existing one, re-fired or resolved. */
    public Uni<Ingested> ingest(String tenantId, Alert incoming, String actor) {
        return ingest(tenantId, List.of(incoming), actor).map(all -> all.get(0));
    }

    /**
     * Stores a tenant's alerts in order (posts of the same alert apply one after the other) in at most two round
     * trips whatever their number: one read of the stored alerts this replica does not remember ({@link KnownAlerts};
     * none when Prometheus re-sends known alerts), then one script that writes every alert, its occurrence count, its
     * history and its groups, provided none of those alerts changed since it was read or remembered. Requests for the same
     * tenant on this replica take turns and are combined ({@link IngestLanes}); if another replica changed one of the
     * alerts in between, the batch is worked out again from a fresh read. A batch whose new alerts would take the
     * tenant past {@code max-alerts-per-tenant} is a 409 and stores nothing.
     */
    public Uni<List<Ingested>> ingest(String tenantId, List<Alert> incoming, String actor) {
        List<IngestLanes.Post> posts = incoming.stream().map(alert -> new IngestLanes.Post(alert, actor)).toList();
        return lanes.submit(tenantId, posts).onFailure(IngestLanes.TenantFull.class).transform(full -> ProblemException
                .conflict("Tenant '" + tenantId + "' may hold " + config.maxAlertsPerTenant() + " alerts; these new"
                        + " ones would pass that, so none was stored. Resolve some first."));
    }

    private Uni<List<Ingested>> attempt(String tenantId, List<IngestLanes.Post> incoming, int attempt) {
        List<String> fingerprints = incoming.stream().map(post -> post.alert().fingerprint()).distinct().toList();
        Map<String, KnownAlerts.Known> current = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String fingerprint : fingerprints) {
            KnownAlerts.Known remembered = known.get(tenantId, fingerprint);
            if (remembered != null) {
                current.put(fingerprint, remembered);
            } else {
                unknown.add(fingerprint);
            }
        }
        boolean guessed = !current.isEmpty();
        Uni<Map<String, String>> read = unknown.isEmpty() ? Uni.createFrom().item(Map.of())
                : store.stored(tenantId, unknown);
        return read.chain(stored -> {
            TenantWrites writes = new TenantWrites(tenantId);
            for (String fingerprint : unknown) {
                String json = stored.get(fingerprint);
                if (json != null) {
                    current.put(fingerprint, new KnownAlerts.Known(store.read(json), Digests.sha1Hex(json), null));
                }
            }
            for (String fingerprint : fingerprints) {
                KnownAlerts.Known stale = current.get(fingerprint);
                store.expectDigest(writes, fingerprint, stale == null ? null : stale.sha1());
            }
            Map<String, Alert> latest = new HashMap<>();
            current.forEach((fingerprint, remembered) -> latest.put(fingerprint, remembered.alert()));
            List<Step> steps = new ArrayList<>(incoming.size());
            Map<String, Alert> saves = new LinkedHashMap<>();
            Map<String, Integer> posts = new LinkedHashMap<>();
            int created = 0;
            for (IngestLanes.Post post : incoming) {
                Alert alert = post.alert();
                Alert existing = latest.get(alert.fingerprint());
                Step step = existing == null ? new Step(alert, "created", null, post.actor())
                        : merge(existing, alert, post.actor());
                steps.add(step);
                latest.put(alert.fingerprint(), step.alert());
                posts.merge(alert.fingerprint(), 1, Integer::sum);
                if (!step.change().isEmpty()) {
                    saves.put(alert.fingerprint(), step.alert());
                }
                created += step.change().equals("created") ? 1 : 0;
            }
            Map<String, KnownAlerts.Known> after = new HashMap<>(current);
            saves.values().forEach(alert -> {
                Alert asStored = alert.withOccurrences(null);
                KnownAlerts.Known before = current.get(alert.fingerprint());
                AlertJson.Written json = before == null ? store.save(writes, asStored, null, null)
                        : store.save(writes, asStored, before.alert(), before.written());
                after.put(alert.fingerprint(), new KnownAlerts.Known(asStored, Digests.sha1Hex(json.json()), json));
            });
            store.limit(writes, config.maxAlertsPerTenant(), created);
            Map<String, Integer> counts = new HashMap<>();
            posts.forEach((fingerprint, n) -> counts.put(fingerprint, store.countOccurrences(writes, fingerprint, n)));
            return Multi.createFrom().iterable(steps)
                    .onItem().transformToUniAndConcatenate(step -> record(writes, step.alert(), step.change(),
                            step.actor(), step.detail()))
                    .collect().asList()
                    .chain(() -> writer.apply(writes))
                    .chain(applied -> switch (applied.outcome()) {
                        case FULL -> Uni.createFrom().failure(new IngestLanes.TenantFull());
                        case CONFLICT -> {
                            fingerprints.forEach(fingerprint -> known.forget(tenantId, fingerprint));
                            yield retry(tenantId, incoming, attempt, guessed);
                        }
                        case APPLIED -> {
                            after.values().forEach(asStored -> known.put(tenantId, asStored.alert(), asStored.sha1(),
                                    asStored.written()));
                            yield Uni.createFrom().item(ingested(steps, posts, counts, applied.increments()));
                        }
                    });
        });
    }

    /**
     * One of the batch's alerts changed between what it was worked out from and the script. When that was what this
     * replica remembered ({@link KnownAlerts}: another writer changed the alert since), read afresh at once; when it
     * was a fresh read, another replica is posting the same alerts: read again after a short, random pause (so two
     * replicas do not keep colliding), a few times.
     */
    private Uni<List<Ingested>> retry(String tenantId, List<IngestLanes.Post> incoming, int attempt,
            boolean guessed) {
        if (attempt >= MAX_ATTEMPTS) {
            return Uni.createFrom().failure(new ProblemException(ProblemTypes.UNAVAILABLE, 503, "Service Unavailable",
                    "These alerts kept changing under concurrent posts; nothing of this request was stored, retry it.",
                    List.of()));
        }
        if (guessed) {
            return attempt(tenantId, incoming, attempt + 1);
        }
        long pause = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L * attempt + 1);
        return Uni.createFrom().voidItem().onItem().delayIt().by(java.time.Duration.ofMillis(pause))
                .chain(() -> attempt(tenantId, incoming, attempt + 1));
    }

    /** Each post's answer, with the occurrence count it reached (the posts of one alert count up in batch order). */
    private static List<Ingested> ingested(List<Step> steps, Map<String, Integer> posts, Map<String, Integer> counts,
            List<Long> increments) {
        Map<String, Integer> seen = new HashMap<>();
        List<Ingested> answers = new ArrayList<>(steps.size());
        for (Step step : steps) {
            String fingerprint = step.alert().fingerprint();
            int nth = seen.merge(fingerprint, 1, Integer::sum);
            long occurrences = increments.get(counts.get(fingerprint)) - posts.get(fingerprint) + nth;
            answers.add(new Ingested(step.alert().withOccurrences(occurrences), step.change().equals("created"),
                    step.change().equals(UPDATED) ? "" : step.change()));
        }
        return answers;
    }

    /** What one post does to the stored alert: the alert after it, the change ("" none) and the history's detail. */
    private record Step(Alert alert, String change, String detail, String actor) {
    }

    private static Step merge(Alert existing, Alert incoming, String actor) {
        Instant now = incoming.updatedAt();
        if (existing.state().active() && incoming.state() == AlertState.RESOLVED) {
            return new Step(refresh(existing, incoming).withState(AlertState.RESOLVED, now, actor), "resolved",
                    "ends_at passed", actor);
        }
        if (!existing.state().active() && incoming.state() == AlertState.FIRING) {
            return new Step(new Alert(existing.fingerprint(), existing.name(), AlertState.FIRING, incoming.severity(),
                    incoming.labels(), incoming.annotations(), incoming.data(), incoming.generatorUrl(),
                    incoming.source(), incoming.startsAt(), incoming.endsAt(), now, null, null, null, null),
                    "refired", null, actor);
        }
        if (!existing.state().active()) {
            return new Step(existing, "", null, actor);
        }
        return new Step(refresh(existing, incoming), UPDATED, null, actor);
    }

    /** The existing alert with what a repeated post may change (Alertmanager: annotations, ends_at, the URL). */
    private static Alert refresh(Alert existing, Alert incoming) {
        return new Alert(existing.fingerprint(), existing.name(), existing.state(), existing.severity(),
                existing.labels(), incoming.annotations().isEmpty() ? existing.annotations() : incoming.annotations(),
                incoming.data() == null ? existing.data() : incoming.data(),
                incoming.generatorUrl() == null ? existing.generatorUrl() : incoming.generatorUrl(),
                existing.source(), existing.startsAt(), incoming.endsAt(), incoming.updatedAt(),
                existing.acknowledgedAt(), existing.acknowledgedBy(), existing.resolvedAt(), null);
    }

    public Uni<Alert> get(String tenantId, String fingerprint) {
        if (!Fingerprint.isValid(fingerprint)) {
            return Uni.createFrom().failure(notFound(fingerprint));
        }
        return store.find(tenantId, fingerprint).map(found -> found.orElseThrow(() -> notFound(fingerprint)));
    }

    /** The tenant's alerts, newest first, optionally of one state. */
    public Uni<List<Alert>> list(String tenantId, AlertState state) {
        return store.all(tenantId).map(all -> all.stream()
                .filter(a -> state == null || a.state() == state)
                .sorted(java.util.Comparator.comparing(Alert::startsAt).reversed()
                        .thenComparing(Alert::fingerprint))
                .toList());
    }

    public Uni<Alert> acknowledge(String tenantId, String fingerprint, String actor) {
        return get(tenantId, fingerprint).chain(alert -> {
            if (alert.state() == AlertState.RESOLVED) {
                throw ProblemException.conflict("Alert " + fingerprint + " is resolved; there is nothing to acknowledge.");
            }
            if (alert.state() == AlertState.ACKNOWLEDGED) {
                return Uni.createFrom().item(alert);
            }
            Alert acked = alert.withState(AlertState.ACKNOWLEDGED, now(), actor);
            return changed(tenantId, acked, "acknowledged", actor, null)
                    .replaceWith(acked);
        });
    }

    public Uni<Alert> resolve(String tenantId, String fingerprint, String actor, String why) {
        return get(tenantId, fingerprint).chain(alert -> {
            if (alert.state() == AlertState.RESOLVED) {
                return Uni.createFrom().item(alert);
            }
            Alert resolved = alert.withState(AlertState.RESOLVED, now(), actor);
            return changed(tenantId, resolved, "resolved", actor, why)
                    .replaceWith(resolved);
        });
    }

    /** The sweep: resolves the tenant's alerts whose {@code ends_at} passed and forgets old resolved ones. */
    public Uni<Integer> sweep(String tenantId) {
        Instant now = now();
        return store.endedBy(tenantId, now, 500).chain(fps -> Multi.createFrom().iterable(fps)
                .onItem().transformToUniAndConcatenate(fp -> store.find(tenantId, fp).chain(found -> {
                    if (found.isEmpty() || !found.get().state().active() || found.get().endsAt() == null
                            || found.get().endsAt().isAfter(now)) {
                        known.forget(tenantId, fp);
                        return found.map(a -> store.save(tenantId, a)).orElse(Uni.createFrom().voidItem());
                    }
                    Alert resolved = found.get().withState(AlertState.RESOLVED, now, "system");
                    return changed(tenantId, resolved, "resolved", "system", "ends_at passed");
                })).collect().asList().map(List::size))
                .call(() -> store.purgeResolved(tenantId, now.minus(config.resolvedRetention()), 500));
    }

    /** Stores a change made outside ingestion (acknowledge, resolve, the sweep) with its history, in one script. */
    private Uni<Void> changed(String tenantId, Alert alert, String change, String actor, String detail) {
        TenantWrites writes = new TenantWrites(tenantId);
        store.save(writes, alert.withOccurrences(null));
        // what this replica remembers would fail the next batch's guard: forget it rather than collide
        known.forget(tenantId, alert.fingerprint());
        return record(writes, alert, change, actor, detail).chain(() -> writer.apply(writes)).replaceWithVoid();
    }

    /** The history entry of a state change (an update by a repeated post has none) and what the listeners write. */
    private Uni<Void> record(TenantWrites writes, Alert alert, String change, String actor, String detail) {
        if (change.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (!change.equals(UPDATED)) {
            history.append(writes, HistoryEntry.stateChange(change, alert.fingerprint(), alert.name(),
                    alert.state().wireName(), actor, detail));
        }
        Uni<Void> all = Uni.createFrom().voidItem();
        for (AlertListener listener : listeners) {
            all = all.chain(() -> listener.changed(writes.tenantId(), alert, change, writes));
        }
        return all;
    }

    private static ProblemException notFound(String fingerprint) {
        return ProblemException.notFound("No alert with fingerprint '" + truncate(fingerprint) + "'.");
    }

    private int size(JsonNode node) {
        try {
            return mapper.writeValueAsString(node).getBytes(StandardCharsets.UTF_8).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return node.isContainerNode() ? deepest + 1 : 0;
    }

    private static String field(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    static String truncate(String text) {
        return text == null ? "null" : text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
