package io.tenancycore.security.token;

import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Problems;
import java.time.Duration;
import java.util.List;

/** 429 from the token endpoint: too many requests from an address, or too many failures of a client id. */
public class TokenRequestsLimited extends ProblemException {

    public static final String TYPE = "urn:tenancycore:problem:security:token-rate-limited";
    private static final int TOO_MANY_REQUESTS = 429;

    private final long retryAfterSeconds;

    public TokenRequestsLimited(Duration retryAfter) {
        super(TYPE, TOO_MANY_REQUESTS, Problems.reasonPhrase(TOO_MANY_REQUESTS),
                "Too many token requests from this address or failed attempts for this client; retry "
                        + "after the time Retry-After gives.",
                List.of());
        // whole seconds, at least one: a client retrying at once would only be refused again
        this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
