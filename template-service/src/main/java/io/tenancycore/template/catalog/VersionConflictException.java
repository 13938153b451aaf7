package io.tenancycore.template.catalog;

/** A change was based on a version that is no longer the current one. */
public class VersionConflictException extends RuntimeException {

    private final int expected;
    private final int current;

    public VersionConflictException(int expected, int current) {
        super("expected version " + expected + " but the current version is " + current, null, false, false);
        this.expected = expected;
        this.current = current;
    }

    public int expected() {
        return expected;
    }

    public int current() {
        return current;
    }
}
