package io.tenancycore.security.crypto;

/** A transit operation refused for one input; in a batch it becomes that item's {@code error}. */
public class TransitException extends RuntimeException {

    public enum Kind {
        /** Malformed input: 400. */
        INVALID,
        /** Well-formed but refused by the key's policy, or does not authenticate: 422. */
        REFUSED
    }

    private final Kind kind;

    public TransitException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return kind == Kind.INVALID ? 400 : 422;
    }

    static TransitException invalid(String message) {
        return new TransitException(Kind.INVALID, message);
    }

    static TransitException refused(String message) {
        return new TransitException(Kind.REFUSED, message);
    }
}
