package io.tenancycore.commons.events;

/** A record that can never be handled (not a CloudEvent, unreadable data): retrying it is pointless. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
