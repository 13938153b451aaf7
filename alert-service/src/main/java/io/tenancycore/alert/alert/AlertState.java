package io.tenancycore.alert.alert;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an alert is in its life: firing until resolved; acknowledged is firing with an owner (stops escalation). */
public enum AlertState {
    FIRING, ACKNOWLEDGED, RESOLVED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static AlertState of(String value) {
        for (AlertState state : values()) {
            if (state.wireName().equals(value)) {
                return state;
            }
        }
        return null;
    }

    public boolean active() {
        return this != RESOLVED;
    }
}
