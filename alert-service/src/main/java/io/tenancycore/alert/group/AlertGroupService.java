package io.tenancycore.alert.group;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.alert.Alert;
import io.tenancycore.alert.alert.AlertStore;
import io.tenancycore.alert.notify.GroupStore;
import io.tenancycore.alert.support.Fingerprint;
import io.tenancycore.alert.support.LabelMatcher;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the tenant's notification groups from the {@link GroupStore} (what the flusher works on), in group-key order.
 * A query walks the groups in order and stops once it has the page, so a page costs about {@code offset + limit}
 * group reads however many groups the tenant has (bounded anyway: a group holds at least one of the tenant's alerts).
 */
@ApplicationScoped
public class AlertGroupService {

    /** What a list may ask for: a receiver, and matchers every listed alert must satisfy (Alertmanager's filter). */
    public record Query(String receiver, List<LabelMatcher> filter) {
        boolean keeps(String groupReceiver) {
            return receiver == null || receiver.equals(groupReceiver);
        }
    }

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    private final GroupStore groups;
    private final AlertStore alerts;
    private final ObjectMapper mapper;

    public AlertGroupService(GroupStore groups, AlertStore alerts, ObjectMapper mapper) {
        this.groups = groups;
        this.alerts = alerts;
        this.mapper = mapper;
    }

    public Uni<Page<AlertGroup>> list(String tenantId, Query query, int offset, int limit) {
        return Uni.combine().all().unis(groups.all(tenantId), alerts.all(tenantId)).asTuple().chain(t -> {
            Map<String, Alert> byFp = t.getItem2().stream()
                    .collect(Collectors.toMap(Alert::fingerprint, Function.identity(), (x, y) -> x));
            // in key order, one group read at a time, and no further than the page needs
            return Multi.createFrom().iterable(t.getItem1())
                    .onItem().transformToUniAndConcatenate(g -> read(tenantId, g.value(), g.score(), byFp, query))
                    .filter(Optional::isPresent).map(Optional::get)
                    .skip().first(offset).select().first(limit + 1)
                    .collect().asList();
        }).map(found -> {
            boolean more = found.size() > limit;
            return new Page<>(more ? found.subList(0, limit) : found, more ? Integer.toString(offset + limit) : null);
        });
    }

    public Uni<AlertGroup> get(String tenantId, String key) {
        if (!Fingerprint.isValid(key)) {
            return Uni.createFrom().failure(notFound(key));
        }
        return groups.dueOf(tenantId, key).chain(due -> due.isEmpty()
                ? Uni.createFrom().failure(notFound(key))
                : alerts.all(tenantId).chain(all -> read(tenantId, key, due.get(),
                        all.stream().collect(Collectors.toMap(Alert::fingerprint, Function.identity(), (x, y) -> x)),
                        new Query(null, List.of())))
                        .map(group -> group.orElseThrow(() -> notFound(key))));
    }

    /** The group, or empty when it is gone, another receiver's, or none of its alerts passes the filter. */
    private Uni<Optional<AlertGroup>> read(String tenantId, String key, double due, Map<String, Alert> byFp,
            Query query) {
        return groups.meta(tenantId, key).chain(meta -> {
            if (meta.isEmpty() || !query.keeps(meta.getOrDefault("receiver", ""))) {
                return Uni.createFrom().item(Optional.<AlertGroup>empty());
            }
            return groups.members(tenantId, key).map(fps -> build(key, due, meta, fps, byFp, query));
        });
    }

    private Optional<AlertGroup> build(String key, double due, Map<String, String> meta, Set<String> fps,
            Map<String, Alert> byFp, Query query) {
        List<AlertGroup.Member> members = fps.stream().map(byFp::get)
                .filter(alert -> alert != null && LabelMatcher.all(query.filter(), alert.labels()))
                .sorted(Comparator.comparing(Alert::startsAt).thenComparing(Alert::fingerprint))
                .map(AlertGroup.Member::of).toList();
        if (members.isEmpty() && !query.filter().isEmpty()) {
            return Optional.empty();
        }
        long lastSent = Long.parseLong(meta.getOrDefault("last_sent", "0"));
        return Optional.of(new AlertGroup(key, meta.getOrDefault("route", ""), meta.getOrDefault("receiver", ""),
                labels(meta.getOrDefault("labels", "{}")), members, Instant.ofEpochMilli((long) due),
                lastSent == 0 ? null : Instant.ofEpochMilli(lastSent),
                Long.parseLong(meta.getOrDefault("interval", "0")), Long.parseLong(meta.getOrDefault("repeat", "0"))));
    }

    private Map<String, String> labels(String json) {
        try {
            return mapper.readValue(json, LABELS);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Map.of();
        }
    }

    private static ProblemException notFound(String key) {
        return ProblemException.notFound("No alert group '" + (key.length() > 64 ? key.substring(0, 64) : key)
                + "'; groups exist while they hold alerts.");
    }
}
