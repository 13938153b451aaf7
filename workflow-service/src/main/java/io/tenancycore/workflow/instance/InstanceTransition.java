package io.tenancycore.workflow.instance;

/**
 * A CDI event the runner fires when an instance starts, resumes or ends, for monitoring (events, metrics) to observe
 * without the runner knowing about either. {@code record} is a snapshot.
 */
public record InstanceTransition(Kind kind, InstanceRecord record) {

    public enum Kind {
        STARTED, RESUMED, COMPLETED, FAILED, CANCELLED,
        /** This replica stopped running the instance without it ending: it lost the lease, or it is stopping. */
        RELEASED
    }
}
