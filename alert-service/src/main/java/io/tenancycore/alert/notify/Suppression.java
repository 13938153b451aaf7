package io.tenancycore.alert.notify;

import io.tenancycore.alert.alert.Alert;
import io.tenancycore.alert.routing.Routing;
import io.tenancycore.alert.silence.SilenceService.ActiveSilence;
import io.tenancycore.alert.support.LabelMatcher;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Why an active alert is not notified now: a silence in force matches it, or an inhibit rule applies (another
 * active alert matches the rule's source matchers, this one its target matchers, and both carry the same values of
 * the rule's {@code equal} labels; an alert never inhibits itself) — Alertmanager's rules.
 */
public final class Suppression {

    private Suppression() {
    }

    /** @return "silenced:&lt;id&gt;", "inhibited" or null */
    public static String of(Alert alert, List<ActiveSilence> silences, List<Routing.InhibitRule> rules,
            Collection<Alert> tenantAlerts) {
        for (ActiveSilence silence : silences) {
            if (silence.silences(alert.labels())) {
                return "silenced:" + silence.id();
            }
        }
        for (Routing.InhibitRule rule : rules) {
            if (!LabelMatcher.all(rule.target(), alert.labels())) {
                continue;
            }
            for (Alert source : tenantAlerts) {
                if (source.state().active() && !source.fingerprint().equals(alert.fingerprint())
                        && LabelMatcher.all(rule.source(), source.labels())
                        && rule.equal().stream().allMatch(label -> Objects.equals(source.labels().get(label),
                                alert.labels().get(label)))) {
                    return "inhibited";
                }
            }
        }
        return null;
    }
}
