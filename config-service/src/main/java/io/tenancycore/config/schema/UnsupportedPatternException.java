package io.tenancycore.config.schema;

/** A tenant-supplied regular expression that the linear-time engine refuses; the message says why. */
public class UnsupportedPatternException extends IllegalArgumentException {

    public UnsupportedPatternException(String reason) {
        super(reason);
    }
}
