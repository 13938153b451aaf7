package io.tenancycore.admincli.backup;

import java.io.PrintWriter;

/**
 * Progress on stderr, so stdout stays for results: one line redrawn in place on a terminal, a line every few seconds
 * otherwise (a CI log should not get one line per batch).
 */
final class Progress {

    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean terminal = System.console() != null;
    private long lastLogged = System.nanoTime();

    Progress(PrintWriter err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
    }

    void update(long done) {
        String line = total > 0
                ? String.format("%s: %d/%d keys (%d%%)", label, done, total, done * 100 / total)
                : String.format("%s: %d keys", label, done);
        if (terminal) {
            err.print("\r" + line);
            err.flush();
        } else if (System.nanoTime() - lastLogged >= LOG_INTERVAL_NANOS) {
            err.println(line);
            err.flush();
            lastLogged = System.nanoTime();
        }
    }

    void done(String summary) {
        if (terminal) {
            err.print("\r\033[K");
        }
        err.println(label + ": " + summary);
        err.flush();
    }
}
