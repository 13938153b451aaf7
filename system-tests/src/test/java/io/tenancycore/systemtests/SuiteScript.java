package io.tenancycore.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

/**
 * The suite script that runs the services under test ({@code -Dtenancy.suite.script}, set by {@code ./suite test} and
 * {@code ./suite systest}), for reliability tests that stop and start a part of it with its data
 * ({@code ./suite restart kafka|redis}); it inherits the suite's settings (data folder, ports) from the environment.
 */
final class SuiteScript {

    private static final long RESTART_TIMEOUT_SECONDS = 150;

    private SuiteScript() {
    }

    /** Stops and starts {@code component} ({@code kafka} or {@code redis}) and returns once it is up again. */
    static void restart(String component) throws Exception {
        String script = System.getProperty("tenancy.suite.script");
        if (script == null) {
            throw new IllegalStateException("-Dtenancy.suite.script (set by ./suite test) names the suite script");
        }
        Process restart = new ProcessBuilder("bash", script, "restart", component).inheritIO().start();
        assertTrue(restart.waitFor(RESTART_TIMEOUT_SECONDS, TimeUnit.SECONDS), "the " + component
                + " restart took too long");
        assertEquals(0, restart.exitValue(), "./suite restart " + component + " failed");
    }
}
