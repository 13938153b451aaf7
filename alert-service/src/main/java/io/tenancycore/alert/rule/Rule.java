package io.tenancycore.alert.rule;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * A tenant's alert rule over {@code tenancy.alert-signals}: a signal whose name is {@code signal} and whose labels
 * satisfy {@code matchers}, with values satisfying {@code condition} for at least {@code for}, fires the alert
 * {@code alert} (default: the rule's name) with the signal's labels plus the rule's {@code labels}, its
 * {@code annotations} and {@code severity}; once the condition is false again the alert resolves. Validated by
 * {@code schemas/alert-rule.schema.json}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record Rule(String name, String signal, List<String> matchers, String condition,
        @JsonProperty("for") String forDuration, String alert, String severity, Map<String, String> labels,
        Map<String, String> annotations) {

    public String alertName() {
        return alert != null ? alert : name;
    }
}
