package io.tenancycore.admincli.shell;

/**
 * A failure the operator can act on: its message is printed as one line on stderr (no stack trace) and corectl exits
 * with {@link #EXIT_CODE}. Messages never carry a secret.
 */
public class CliFailure extends RuntimeException {

    public static final int EXIT_CODE = 1;

    public CliFailure(String message) {
        super(message);
    }

    public CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
