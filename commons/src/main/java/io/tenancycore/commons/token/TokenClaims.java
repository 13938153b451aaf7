package io.tenancycore.commons.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.json.JsonString;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The custom claims every request reads ({@code tenant_id}, {@code scope}), read once per verified token object.
 * <p>
 * smallrye-jwt's {@code getClaim(name)} looks the name up with {@code Claims.valueOf}, which throws (and fills a
 * stack trace of the whole reactive call chain) for every name that is not a standard claim. Two such reads per
 * request cost as much CPU as the rest of a bare request (JFR allocation samples: a third of all bytes allocated
 * under {@code Claims.valueOf}; a bare endpoint answered 0.57x as fast once a token was sent). {@link VerifiedTokens}
 * hands out the same token object for the token's whole life, so keying by that object (identity, weakly held)
 * turns the two exceptions per request into two per token.
 */
public final class TokenClaims {

    public static final String TENANT_CLAIM = "tenant_id";
    public static final String SCOPE_CLAIM = "scope";
    private static final Pattern SCOPE_SEPARATOR = Pattern.compile("\\s+");
    private static final int MAX_TOKENS = 100_000;
    /** weakKeys: compared by identity and dropped with the token object, whatever the size bound does. */
    private static final Cache<JsonWebToken, Read> READ = Caffeine.newBuilder().weakKeys().maximumSize(MAX_TOKENS)
            .build();

    private record Read(String tenantId, Set<String> scopes) {
    }

    private TokenClaims() {
    }

    /** The token's {@code tenant_id}; {@code null} for a platform client. */
    public static String tenantId(JsonWebToken token) {
        return read(token).tenantId();
    }

    /** The token's {@code scope}, split on whitespace; empty when the claim is absent. */
    public static Set<String> scopes(JsonWebToken token) {
        return read(token).scopes();
    }

    private static Read read(JsonWebToken token) {
        return READ.get(token, TokenClaims::readNow);
    }

    private static Read readNow(JsonWebToken token) {
        Object tenant = token.getClaim(TENANT_CLAIM);
        return new Read(tenant == null ? null : text(tenant), parseScope(token.getClaim(SCOPE_CLAIM)));
    }

    static Set<String> parseScope(Object scope) {
        if (scope == null) {
            return Set.of();
        }
        // compiled once: String.split with a regex compiles it again on every call
        return SCOPE_SEPARATOR.splitAsStream(text(scope).trim()).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String text(Object claim) {
        return claim instanceof JsonString json ? json.getString() : claim.toString();
    }
}
