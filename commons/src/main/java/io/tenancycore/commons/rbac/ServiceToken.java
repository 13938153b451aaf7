package io.tenancycore.commons.rbac;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** RFC 6749 token response. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceToken(@JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") long expiresIn) {

    @Override
    public String toString() {
        return "ServiceToken[type=" + tokenType + ", expiresIn=" + expiresIn + "]"; // never the token itself
    }
}
