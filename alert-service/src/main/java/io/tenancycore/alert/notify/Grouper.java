package io.tenancycore.alert.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.alert.Alert;
import io.tenancycore.alert.alert.AlertListener;
import io.tenancycore.alert.history.HistoryEntry;
import io.tenancycore.alert.history.HistoryStore;
import io.tenancycore.alert.routing.Routing;
import io.tenancycore.alert.routing.RoutingService;
import io.tenancycore.alert.support.Fingerprint;
import io.tenancycore.alert.support.TenantWrites;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts every alert that changes into the groups of the routes that take it (Alertmanager's aggregation groups): the
 * group key is the route's position plus the values of its {@code group_by} labels; a new group is first due after
 * {@code group_wait}. An alert no routing document takes is recorded as {@code not_routed} in its history.
 */
@ApplicationScoped
public class Grouper implements AlertListener {

    private final RoutingService routing;
    private final GroupStore groups;
    private final HistoryStore history;
    private final ObjectMapper mapper;

    public Grouper(RoutingService routing, GroupStore groups, HistoryStore history, ObjectMapper mapper) {
        this.routing = routing;
        this.groups = groups;
        this.history = history;
        this.mapper = mapper;
    }

    @Override
    public Uni<Void> changed(String tenantId, Alert alert, String change, TenantWrites writes) {
        if (change.equals("acknowledged")) {
            return Uni.createFrom().voidItem();
        }
        return routing.routing(tenantId).invoke(found -> {
            if (found.isEmpty()) {
                if (change.equals("created") || change.equals("refired")) {
                    history.append(writes, HistoryEntry.notification("not_routed", alert.fingerprint(),
                            alert.name(), null, null, null, "none", "the tenant has no routing document"));
                }
                return;
            }
            Instant now = Instant.now();
            for (Routing.Route route : found.get().match(alert.labels())) {
                Map<String, String> labels = route.groupLabels(alert.labels());
                Map<String, String> keyed = new TreeMap<>(labels);
                keyed.put("__route__", route.id());
                keyed.put("__receiver__", route.receiver() == null ? "" : route.receiver());
                String key = Fingerprint.of(keyed);
                groups.add(writes, key, alert.fingerprint(), now.plus(route.groupWait()), route.id(),
                        route.receiver() == null ? "" : route.receiver(), json(labels),
                        route.groupInterval().toMillis(), route.repeatInterval().toMillis());
            }
        }).replaceWithVoid();
    }

    private String json(Map<String, String> labels) {
        try {
            return mapper.writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
