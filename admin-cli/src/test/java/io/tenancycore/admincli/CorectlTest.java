package io.tenancycore.admincli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/** The command line itself: usage errors, help on every command, the version. */
@QuarkusMainTest
class CorectlTest {

    @Test
    void unknownOptionIsAUsageError(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("health", "--no-such-option");

        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("Unknown option: '--no-such-option'"), result.getErrorOutput());
    }

    @Test
    void everyCommandHasHelp(QuarkusMainLauncher launcher) {
        for (String command : new String[] {"init", "health", "backup", "restore", "migrate", "tenants", "token", "audit", "workflows",
                "version"}) {
            LaunchResult result = launcher.launch(command, "--help");

            assertEquals(0, result.exitCode(), command + ": " + result.getErrorOutput());
            assertTrue(result.getOutput().startsWith("Usage: corectl " + command), command + ": " + result.getOutput());
        }
    }

    @Test
    void versionPrintsTheBuildVersion(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("version");

        assertEquals(0, result.exitCode());
        assertTrue(result.getOutput().matches("(?s)(.*\\n)?corectl 0\\.1\\.0-SNAPSHOT \\(Java .*"), result.getOutput());
    }
}
