package io.tenancycore.security.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tenancycore.commons.error.ProblemException;
import java.util.List;

/**
 * An error of the token endpoint as RFC 6749 section 5.2 has it: {@code {"error": "invalid_client",
 * "error_description": "..."}}, the status the RFC gives (400; 401 for a client that could not be authenticated, with a
 * {@code WWW-Authenticate} challenge). OAuth2 client libraries (quarkus-oidc-client among them) read these fields.
 * A {@link ProblemException} underneath, so commons' audit of refusals treats it like every other refusal.
 */
public class OAuthError extends ProblemException {

    public static final String INVALID_REQUEST = "invalid_request";
    public static final String INVALID_CLIENT = "invalid_client";
    public static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";
    /** Registered for overload; here with 429 and {@code Retry-After} when a rate limit refused the request. */
    public static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

    /** The body, exactly the RFC's fields. */
    public record Body(@JsonProperty("error") String error,
            @JsonProperty("error_description") String errorDescription) {
    }

    private final String error;
    private final String description;

    public OAuthError(int status, String error, String description) {
        super("urn:tenancycore:problem:security:" + error.replace('_', '-'), status, error, description, List.of());
        this.error = error;
        this.description = description;
    }

    public static OAuthError invalidRequest(String description) {
        return new OAuthError(400, INVALID_REQUEST, description);
    }

    public static OAuthError invalidClient() {
        return new OAuthError(401, INVALID_CLIENT, "The client could not be authenticated.");
    }

    public Body body() {
        return new Body(error, description);
    }

    @Override
    public boolean isRefusal() {
        return status() == 401;
    }
}
