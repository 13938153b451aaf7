package io.tenancycore.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The suite script ({@code -Dtenancy.suite.script}, set by {@code ./suite test} and {@code ./suite systest}) run from a
 * test, for reliability tests that crash, start or add service processes, or restart Kafka or Redis with their data. It runs with the environment
 * {@code ./suite} exported to the tests (SUITE_DATA, ports, offsets), so it acts on the suite the tests run against.
 */
final class SuiteScript {

    /** A service process starting on a busy 2-core machine, up to its /q/health UP. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private SuiteScript() {
    }

    /** SIGKILL: the process dies as in a crash, holding its leases, flushing nothing. */
    static void kill(String process) {
        run(STOP_TIMEOUT, "kill", process);
    }

    /** Starts a service process as {@code ./suite up} does and returns once its /q/health is UP. */
    static void start(String process) {
        run(START_TIMEOUT, "start", process);
    }

    /** Stops and starts {@code kafka} or {@code redis} with its data and returns once it is up again. */
    static void restart(String component) {
        run(START_TIMEOUT, "restart", component);
    }

    static void startReplica(String service) {
        run(START_TIMEOUT, "replica", "start", service);
    }

    static void stopReplica(String service) {
        run(STOP_TIMEOUT, "replica", "stop", service);
    }

    static void run(Duration timeout, String... args) {
        String script = System.getProperty("tenancy.suite.script");
        if (script == null) {
            throw new IllegalStateException("-Dtenancy.suite.script (set by ./suite test) names the suite script");
        }
        List<String> command = new ArrayList<>(List.of("bash", script));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            boolean ended = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            assertTrue(ended, "./suite " + String.join(" ", args) + " took longer than " + timeout);
            assertEquals(0, process.exitValue(), "./suite " + String.join(" ", args) + " failed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
