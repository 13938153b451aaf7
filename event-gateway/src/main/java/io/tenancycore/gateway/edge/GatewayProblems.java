package io.tenancycore.gateway.edge;

import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Problems;
import java.util.List;

/** The gateway's own problems ({@code urn:tenancycore:problem:gateway:<name>}, DESIGN.md's API conventions). */
public final class GatewayProblems {

    private static final String PREFIX = "urn:tenancycore:problem:gateway:";
    public static final String UPSTREAM_UNAVAILABLE = PREFIX + "upstream-unavailable";
    public static final String QUOTA_EXCEEDED = PREFIX + "quota-exceeded";
    public static final String QUOTA_STORE_UNAVAILABLE = PREFIX + "quota-store-unavailable";
    public static final String UNKNOWN_SERVICE = PREFIX + "unknown-service";
    public static final String INVALID_EVENT = PREFIX + "invalid-event";
    public static final String UNSUPPORTED_EVENT_FORMAT = PREFIX + "unsupported-event-format";
    public static final String MALFORMED_EVENT = PREFIX + "malformed-event";
    public static final String EVENT_BUS_UNAVAILABLE = PREFIX + "event-bus-unavailable";

    private GatewayProblems() {
    }

    public static ProblemException upstreamUnavailable(String service) {
        return new ProblemException(UPSTREAM_UNAVAILABLE, 503, Problems.reasonPhrase(503),
                "The " + service + " service is not answering right now; retry after the time Retry-After gives.",
                List.of());
    }
}
