package io.tenancycore.workflow.instance;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an instance is: {@code pending} until a replica runs it, then running/waiting, then one of the final three. */
public enum InstanceStatus {
    PENDING, RUNNING, WAITING, COMPLETED, FAILED, CANCELLED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static InstanceStatus fromWire(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown status " + value));
    }

    public static Optional<InstanceStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst();
    }

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
