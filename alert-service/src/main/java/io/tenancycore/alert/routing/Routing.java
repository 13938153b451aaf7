package io.tenancycore.alert.routing;

import io.tenancycore.alert.support.Durations;
import io.tenancycore.alert.support.LabelMatcher;
import io.tenancycore.commons.error.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A tenant's routing document compiled: the tree with inherited settings resolved and matchers compiled, and the
 * inhibit rules. {@link #match} walks the tree as Alertmanager does: the root takes every alert; a node hands an alert
 * to its first matching child (and the following ones while children say {@code continue}); an alert no child takes
 * stays at the node.
 */
public final class Routing {

    public static final int MAX_DEPTH = 10;
    public static final int MAX_ROUTES = 100;
    public static final String GROUP_BY_ALL = "...";
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
    static final Duration DEFAULT_REPEAT = Duration.ofHours(4);

    /** A compiled route node; {@code id} is its position in the tree ({@code 0}, {@code 0.1}, …). */
    public record Route(String id, String receiver, List<LabelMatcher> matchers, List<String> groupBy,
            Duration groupWait, Duration groupInterval, Duration repeatInterval, boolean continueMatching,
            List<Route> children) {

        /** The labels that name the alert's group under this route. */
        public Map<String, String> groupLabels(Map<String, String> labels) {
            Map<String, String> group = new TreeMap<>();
            if (groupBy.contains(GROUP_BY_ALL)) {
                group.putAll(labels);
                return group;
            }
            for (String name : groupBy) {
                group.put(name, labels.getOrDefault(name, ""));
            }
            return group;
        }
    }

    /** A compiled inhibit rule. */
    public record InhibitRule(List<LabelMatcher> source, List<LabelMatcher> target, List<String> equal) {
    }

    private final Route root;
    private final List<InhibitRule> inhibitRules;

    private Routing(Route root, List<InhibitRule> inhibitRules) {
        this.root = root;
        this.inhibitRules = inhibitRules;
    }

    public List<InhibitRule> inhibitRules() {
        return inhibitRules;
    }

    /** The routes that take an alert with these labels (never empty: at worst the root). */
    public List<Route> match(Map<String, String> labels) {
        List<Route> found = new ArrayList<>();
        collect(root, labels, found);
        return found;
    }

    private static boolean collect(Route node, Map<String, String> labels, List<Route> found) {
        if (!LabelMatcher.all(node.matchers(), labels)) {
            return false;
        }
        boolean taken = false;
        for (Route child : node.children()) {
            if (collect(child, labels, found)) {
                taken = true;
                if (!child.continueMatching()) {
                    break;
                }
            }
        }
        if (!taken) {
            found.add(node);
        }
        return true;
    }

    /**
     * Compiles a document; every problem is added to {@code violations} (fields as JSON paths). {@code receivers}:
     * the receivers the tenant has, which every route must name.
     */
    public static Routing compile(RoutingDocument document, Set<String> receivers, List<Violation> violations) {
        if (document == null || document.route() == null) {
            violations.add(new Violation("route", "is required", "required"));
            return null;
        }
        if (document.route().receiver() == null) {
            violations.add(new Violation("route.receiver", "the root route needs a receiver", "required"));
        }
        int[] count = {0};
        Route root = compile(document.route(), "route", "0", null, 0, count, receivers, violations);
        List<InhibitRule> rules = new ArrayList<>();
        List<InhibitRuleSpec> specs = document.inhibitRules() == null ? List.of() : document.inhibitRules();
        if (specs.size() > 50) {
            violations.add(new Violation("inhibit_rules", "at most 50 rules", "too_many"));
        } else {
            for (int i = 0; i < specs.size(); i++) {
                InhibitRuleSpec spec = specs.get(i);
                String field = "inhibit_rules[" + i + "]";
                if (spec == null) {
                    violations.add(new Violation(field, "is null", "required"));
                    continue;
                }
                rules.add(new InhibitRule(LabelMatcher.compile(spec.sourceMatchers(), field + ".source_matchers",
                        violations), LabelMatcher.compile(spec.targetMatchers(), field + ".target_matchers", violations),
                        spec.equal() == null ? List.of() : List.copyOf(spec.equal())));
            }
        }
        return violations.isEmpty() ? new Routing(root, List.copyOf(rules)) : null;
    }

    private static Route compile(RouteSpec spec, String field, String id, Route parent, int depth, int[] count,
            Set<String> receivers, List<Violation> violations) {
        if (depth > MAX_DEPTH) {
            violations.add(new Violation(field, "routes nest at most " + MAX_DEPTH + " levels", "depth"));
            return parent;
        }
        if (++count[0] > MAX_ROUTES) {
            violations.add(new Violation(field, "a tree has at most " + MAX_ROUTES + " routes", "too_many"));
            return parent;
        }
        String receiver = spec.receiver() != null ? spec.receiver() : parent == null ? null : parent.receiver();
        if (spec.receiver() != null && receivers != null && !receivers.contains(spec.receiver())) {
            violations.add(new Violation(field + ".receiver", "no receiver '" + spec.receiver() + "'",
                    "unknown_receiver"));
        }
        List<LabelMatcher> matchers = LabelMatcher.compile(spec.matchers(), field + ".matchers", violations);
        if (parent == null && !matchers.isEmpty()) {
            violations.add(new Violation(field + ".matchers", "the root route takes every alert", "root_matchers"));
        }
        List<String> groupBy = spec.groupBy() != null ? List.copyOf(spec.groupBy())
                : parent == null ? List.of() : parent.groupBy();
        if (groupBy.size() > 20) {
            violations.add(new Violation(field + ".group_by", "at most 20 labels", "too_many"));
        }
        Duration wait = duration(spec.groupWait(), field + ".group_wait",
                parent == null ? DEFAULT_WAIT : parent.groupWait(), violations);
        Duration interval = duration(spec.groupInterval(), field + ".group_interval",
                parent == null ? DEFAULT_INTERVAL : parent.groupInterval(), violations);
        Duration repeat = duration(spec.repeatInterval(), field + ".repeat_interval",
                parent == null ? DEFAULT_REPEAT : parent.repeatInterval(), violations);
        if (interval.isZero() || repeat.isZero()) {
            violations.add(new Violation(field + ".group_interval", "group_interval and repeat_interval must be above zero",
                    "duration"));
        }
        List<Route> children = new ArrayList<>();
        Route self = new Route(id, receiver, matchers, groupBy, wait, interval, repeat,
                Boolean.TRUE.equals(spec.continueMatching()), children);
        List<RouteSpec> specs = spec.routes() == null ? List.of() : spec.routes();
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i) == null) {
                violations.add(new Violation(field + ".routes[" + i + "]", "is null", "required"));
                continue;
            }
            children.add(compile(specs.get(i), field + ".routes[" + i + "]", id + "." + i, self, depth + 1, count,
                    receivers, violations));
        }
        return self;
    }

    private static Duration duration(String text, String field, Duration inherited, List<Violation> violations) {
        if (text == null) {
            return inherited;
        }
        Duration parsed = Durations.parse(text);
        if (parsed == null || parsed.isNegative() || parsed.compareTo(Duration.ofDays(30)) > 0) {
            violations.add(new Violation(field, "a duration such as 30s, 5m or 4h (at most 30 days)", "duration"));
            return inherited;
        }
        return parsed;
    }
}
