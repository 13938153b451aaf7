package io.tenancycore.security.crypto;

import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Problems;
import java.util.List;

/** A transit operation refused for one input; in a batch it becomes that item's {@code error}. */
public class TransitException extends RuntimeException {

    private static final String TYPE_PREFIX = "urn:tenancycore:problem:security:";

    public enum Kind {
        /** Malformed input: 400. */
        INVALID(400, "invalid-transit-input"),
        /** Well-formed but refused by the key's policy, or does not authenticate: 422. */
        REFUSED(422, "transit-refused"),
        /**
         * The key version's material cannot be unwrapped (its master key is gone, or it was damaged): permanent, so
         * 409 with its own type, never a 503 that invites retrying.
         */
        LOST(409, "key-material-lost");

        private final int status;
        private final String name;

        Kind(int status, String name) {
            this.status = status;
            this.name = name;
        }
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
        return kind.status;
    }

    /** The problem a single-input call answers with. */
    public ProblemException toProblem() {
        return new ProblemException(TYPE_PREFIX + kind.name, kind.status, Problems.reasonPhrase(kind.status),
                getMessage(), List.of());
    }

    static TransitException invalid(String message) {
        return new TransitException(Kind.INVALID, message);
    }

    static TransitException refused(String message) {
        return new TransitException(Kind.REFUSED, message);
    }

    static TransitException lost(String message) {
        return new TransitException(Kind.LOST, message);
    }
}
