package io.tenancycore.commons.events;

import java.time.Duration;

/** A running subscription. */
public interface SubscriptionHandle extends AutoCloseable {

    Subscription subscription();

    String groupId();

    /**
     * Waits until the consumer owns partitions and knows its start positions; a BROADCAST subscription misses
     * records published before that.
     *
     * @return whether partitions were assigned within the timeout
     */
    boolean awaitAssignment(Duration timeout) throws InterruptedException;

    /** Stops polling, commits what was handled and leaves the group. */
    @Override
    void close();
}
