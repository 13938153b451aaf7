package io.tenancycore.commons.events;

import java.util.Locale;
import java.util.Optional;

/** The {@code priority} extension of a published event and the topic it selects (default {@link #NORMAL}). */
public enum Priority {
    HIGH(Topics.EVENTS_HIGH), NORMAL(Topics.EVENTS_NORMAL), LOW(Topics.EVENTS_LOW);

    public static final String EXTENSION = "priority";

    private final String topic;

    Priority(String topic) {
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The priority an extension value names; empty for anything else. */
    public static Optional<Priority> of(Object value) {
        if (value == null) {
            return Optional.of(NORMAL);
        }
        for (Priority priority : values()) {
            if (priority.wireName().equals(value.toString())) {
                return Optional.of(priority);
            }
        }
        return Optional.empty();
    }
}
