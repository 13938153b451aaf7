package io.tenancycore.alert.escalation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.receiver.ReceiverService;
import io.tenancycore.alert.support.AlertsConfig;
import io.tenancycore.alert.support.Durations;
import io.tenancycore.alert.support.Keys;
import io.tenancycore.alert.support.LabelMatcher;
import io.tenancycore.alert.support.VersionedCrud;
import io.tenancycore.alert.support.VersionedStore.Versioned;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A tenant's escalation policies ({@code alert:{t}:escalations}), validated against its receivers. */
@ApplicationScoped
public class EscalationService {

    static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,62}$");
    static final int MAX_LEVELS = 5;

    private final VersionedCrud<EscalationPolicy> policies;
    private final ReceiverService receivers;
    private final ReactiveRedisDataSource redis;
    private final AlertsConfig config;

    public EscalationService(ReactiveRedisDataSource redis, ObjectMapper mapper, ReceiverService receivers,
            AlertsConfig config) {
        this.policies = new VersionedCrud<>(redis, mapper, "escalations", EscalationPolicy.class,
                "escalation policy", config.maxObjectsPerTenant());
        this.receivers = receivers;
        this.redis = redis;
        this.config = config;
    }

    public Uni<Versioned<EscalationPolicy>> put(String tenantId, String name, EscalationPolicy policy,
            long expectedVersion) {
        return receivers.names(tenantId).chain(known -> {
            EscalationPolicy named = validate(name, policy, known);
            return policies.put(tenantId, named.name(), named, expectedVersion)
                    .call(() -> redis.set(String.class).sadd(Keys.platform("escalation-tenants"), tenantId));
        });
    }

    public Uni<Versioned<EscalationPolicy>> get(String tenantId, String name) {
        return policies.get(tenantId, name);
    }

    public Uni<List<EscalationPolicy>> list(String tenantId) {
        return policies.list(tenantId);
    }

    public Uni<Void> delete(String tenantId, String name, long expectedVersion) {
        return policies.delete(tenantId, name, expectedVersion);
    }

    public Uni<List<String>> tenants() {
        return redis.set(String.class).smembers(Keys.platform("escalation-tenants")).map(List::copyOf);
    }

    /** Cumulative start offsets of each level. */
    static List<Duration> offsets(EscalationPolicy policy) {
        List<Duration> offsets = new ArrayList<>();
        Duration total = Duration.ZERO;
        for (EscalationPolicy.Level level : policy.levels()) {
            total = total.plus(Durations.parse(level.delay()));
            offsets.add(total);
        }
        return offsets;
    }

    private static EscalationPolicy validate(String pathName, EscalationPolicy policy, Set<String> known) {
        if (policy == null) {
            throw ProblemException.unprocessable("A policy is required.", List.of(new Violation("body",
                    "is required", "required")));
        }
        String name = pathName != null ? pathName : policy.name();
        List<Violation> violations = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            violations.add(new Violation("name", "1 to 63 lowercase letters, digits, '_', '.' or '-'", "pattern"));
        }
        LabelMatcher.compile(policy.matchers(), "matchers", violations);
        if (policy.levels() == null || policy.levels().isEmpty() || policy.levels().size() > MAX_LEVELS) {
            violations.add(new Violation("levels", "1 to " + MAX_LEVELS + " levels", "required"));
        } else {
            for (int i = 0; i < policy.levels().size(); i++) {
                EscalationPolicy.Level level = policy.levels().get(i);
                String field = "levels[" + i + "]";
                if (level == null) {
                    violations.add(new Violation(field, "is null", "required"));
                    continue;
                }
                Duration delay = Durations.parse(level.delay());
                if (delay == null || delay.compareTo(Duration.ofDays(7)) > 0) {
                    violations.add(new Violation(field + ".delay", "a duration such as 15m (at most 7 days)",
                            "duration"));
                }
                if (level.receivers() == null || level.receivers().isEmpty() || level.receivers().size() > 10) {
                    violations.add(new Violation(field + ".receivers", "1 to 10 receivers", "required"));
                } else {
                    for (int r = 0; r < level.receivers().size(); r++) {
                        if (!known.contains(level.receivers().get(r))) {
                            violations.add(new Violation(field + ".receivers[" + r + "]", "no receiver '"
                                    + level.receivers().get(r) + "'", "unknown_receiver"));
                        }
                    }
                }
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The escalation policy breaks the rules listed in violations.",
                    violations);
        }
        return new EscalationPolicy(name, policy.matchers() == null ? List.of() : policy.matchers(), policy.levels());
    }
}
