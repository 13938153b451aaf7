package io.tenancycore.admincli.shell;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** One error line per failure: a {@link CliFailure} prints its message, anything else its type and message. */
@ApplicationScoped
public class CommandLineSetup {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        CommandLine commandLine = factory.create();
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("corectl: " + describe(exception));
            cmd.getErr().flush();
            return CliFailure.EXIT_CODE;
        });
        return commandLine;
    }

    static String describe(Throwable exception) {
        if (exception instanceof CliFailure) {
            return exception.getMessage();
        }
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
