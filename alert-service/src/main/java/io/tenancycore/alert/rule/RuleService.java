package io.tenancycore.alert.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.alert.Alert;
import io.tenancycore.alert.alert.AlertRequest;
import io.tenancycore.alert.alert.AlertService;
import io.tenancycore.alert.support.AlertsConfig;
import io.tenancycore.alert.support.Durations;
import io.tenancycore.alert.support.Keys;
import io.tenancycore.alert.support.LabelMatcher;
import io.tenancycore.alert.support.VersionedCrud;
import io.tenancycore.alert.support.VersionedStore.Versioned;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.events.AlertSignal;
import io.tenancycore.commons.validation.JsonSchemaValidator;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's rules ({@code alert:{t}:rules}): written after JSON Schema validation ({@code schemas/alert-rule.schema.json})
 * and the semantic checks the schema cannot make (matchers compile in RE2, the condition parses); and the evaluation
 * of each signal: a rule whose condition holds fires its alert once it has held for {@code for} (the first time it
 * held is kept in {@code alert:{t}:pending:<rule>:<fingerprint>}, which expires {@code for} +
 * {@code tenancy.alerts.pending-grace} after the last true signal); a false condition clears that and resolves the
 * rule's alert.
 */
@ApplicationScoped
public class RuleService {

    static final String SCHEMA = "schemas/alert-rule.schema.json";

    private final VersionedCrud<Rule> rules;
    private final ReactiveRedisDataSource redis;
    private final JsonSchemaValidator validator;
    private final ObjectMapper mapper;
    private final AlertService alerts;
    private final AlertsConfig config;

    public RuleService(ReactiveRedisDataSource redis, ObjectMapper mapper, JsonSchemaValidator validator,
            AlertService alerts, AlertsConfig config) {
        this.rules = new VersionedCrud<>(redis, mapper, "rules", Rule.class, "rule", config.maxObjectsPerTenant());
        this.redis = redis;
        this.validator = validator;
        this.mapper = mapper;
        this.alerts = alerts;
        this.config = config;
    }

    public Uni<Versioned<Rule>> put(String tenantId, String name, JsonNode body, long expectedVersion) {
        Rule rule = validate(name, body);
        return rules.put(tenantId, rule.name(), rule, expectedVersion);
    }

    public Uni<Versioned<Rule>> get(String tenantId, String name) {
        return rules.get(tenantId, name);
    }

    public Uni<List<Rule>> list(String tenantId) {
        return rules.list(tenantId);
    }

    public Uni<Void> delete(String tenantId, String name, long expectedVersion) {
        return rules.delete(tenantId, name, expectedVersion);
    }

    /** {@code name} null: the body's name (a create); else the path's, which the body may repeat but not change. */
    Rule validate(String name, JsonNode body) {
        if (body != null && body.isObject() && name != null) {
            if (body.has("name") && !name.equals(body.get("name").asText())) {
                throw ProblemException.unprocessable("The rule breaks the rules listed in violations.",
                        List.of(new Violation("name", "must equal the name in the path", "conflict")));
            }
            ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("name", name);
        }
        if (body == null || !body.isObject()) {
            throw ProblemException.unprocessable("A rule is a JSON object.", List.of(new Violation("body",
                    "must be an object", "type")));
        }
        validator.validate(validator.classpathSchema(SCHEMA), body).orThrow("The rule");
        Rule rule;
        try {
            rule = mapper.treeToValue(body, Rule.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProblemException.badRequest("The rule cannot be read.", List.of());
        }
        List<Violation> violations = new ArrayList<>();
        LabelMatcher.compile(rule.matchers(), "matchers", violations);
        try {
            Condition.parse(rule.condition());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("condition", e.getMessage(), "invalid_condition"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The rule breaks the rules listed in violations.", violations);
        }
        return rule;
    }

    /** Evaluates every rule of the tenant against one signal. */
    public Uni<Void> evaluate(String tenantId, AlertSignal signal, Instant at) {
        if (signal == null || signal.name() == null) {
            return Uni.createFrom().voidItem();
        }
        Map<String, String> labels = signal.labels() == null ? Map.of() : signal.labels();
        return rules.list(tenantId).chain(all -> Multi.createFrom().iterable(all)
                .filter(rule -> rule.signal().equals(signal.name())
                        && LabelMatcher.all(LabelMatcher.compile(rule.matchers(), "m", new ArrayList<>()), labels))
                .onItem().transformToUniAndConcatenate(rule -> apply(tenantId, rule, signal, labels, at))
                .collect().asList().replaceWithVoid());
    }

    private Uni<Void> apply(String tenantId, Rule rule, AlertSignal signal, Map<String, String> labels, Instant at) {
        Map<String, String> alertLabels = new TreeMap<>(labels);
        if (rule.labels() != null) {
            alertLabels.putAll(rule.labels());
        }
        alertLabels.remove(Alert.NAME_LABEL);
        AlertRequest request = new AlertRequest(rule.alertName(), signal.data() == null ? null
                : mapper.valueToTree(signal.data()), rule.severity(), alertLabels, rule.annotations(), null, null, null);
        List<Violation> violations = new ArrayList<>();
        Alert alert = alerts.validate(request, "rule:" + rule.name(), "", violations);
        if (!violations.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String pendingKey = pendingKey(tenantId, rule.name(), alert.fingerprint());
        if (!Condition.parse(rule.condition()).test(signal.data())) {
            return redis.key().del(pendingKey)
                    .chain(() -> alerts.get(tenantId, alert.fingerprint()).onFailure().recoverWithNull())
                    .chain(existing -> existing != null && existing.state().active()
                            ? alerts.resolve(tenantId, alert.fingerprint(), "rule:" + rule.name(),
                                    "condition no longer holds").replaceWithVoid()
                            : Uni.createFrom().voidItem());
        }
        Duration hold = rule.forDuration() == null ? Duration.ZERO : Durations.parse(rule.forDuration());
        if (hold.isZero()) {
            return alerts.ingest(tenantId, alert, "rule:" + rule.name()).replaceWithVoid();
        }
        // since when the condition holds; it lives hold + pending-grace past the last true signal, so a rule deleted
        // or a signal that stops coming leaves nothing behind (and the next true signal starts the wait again)
        long ttlMillis = hold.plus(config.pendingGrace()).toMillis();
        return redis.value(String.class).setnx(pendingKey, Long.toString(at.toEpochMilli()))
                .chain(() -> redis.key().pexpire(pendingKey, ttlMillis))
                .chain(() -> redis.value(String.class).get(pendingKey))
                .chain(since -> since != null && at.toEpochMilli() - Long.parseLong(since) >= hold.toMillis()
                        ? alerts.ingest(tenantId, alert, "rule:" + rule.name()).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    /** When a rule's condition started holding for one alert: {@code alert:{t}:pending:<rule>:<fingerprint>}. */
    static String pendingKey(String tenantId, String rule, String fingerprint) {
        return Keys.of(tenantId, "pending:" + rule + ":" + fingerprint);
    }
}
