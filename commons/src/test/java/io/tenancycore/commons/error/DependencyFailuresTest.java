package io.tenancycore.commons.error;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.redis.client.impl.types.ErrorType;
import java.net.ConnectException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/** What a Redis restart throws at a request is a dependency outage (503); a genuine bug stays a 500. */
class DependencyFailuresTest {

    @Test
    void refusedResetAndClosedConnectionsAreOutages() {
        assertNotNull(DependencyFailures.unavailableCause(new ConnectException("Connection refused")));
        assertNotNull(DependencyFailures.unavailableCause(
                new IllegalStateException("write failed", new SocketException("Connection reset"))));
        assertNotNull(DependencyFailures.unavailableCause(new NoStackTraceThrowable("Connection is closed")));
        assertNotNull(DependencyFailures.unavailableCause(ErrorType.create("CONNECTION_CLOSED")));
    }

    @Test
    void redisTransientErrorRepliesAreOutages() {
        assertNotNull(DependencyFailures.unavailableCause(
                ErrorType.create("LOADING Redis is loading the dataset in memory")));
        assertNotNull(DependencyFailures.unavailableCause(
                ErrorType.create("BUSY Redis is busy running a script. You can only call SCRIPT KILL")));
    }

    @Test
    void otherFailuresAreNot() {
        assertNull(DependencyFailures.unavailableCause(
                ErrorType.create("WRONGTYPE Operation against a key holding the wrong kind of value")));
        assertNull(DependencyFailures.unavailableCause(new NoStackTraceThrowable("Invalid state")));
        assertNull(DependencyFailures.unavailableCause(new IllegalStateException("a bug")));
    }
}
