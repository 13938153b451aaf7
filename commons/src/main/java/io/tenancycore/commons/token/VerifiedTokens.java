package io.tenancycore.commons.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens whose signature, issuer, audience and expiry were verified, keyed by the exact token text, each kept only
 * until its own {@code exp}: a client sends the same token for its whole life, and checking the RS256 signature and
 * parsing the claims again for every request was the largest single cost of a cached read. A token that differs by
 * one character is another key and goes through the full check; a failed check is never remembered; an entry is
 * never served at or after the token's expiry (the full check, with its clock skew, decides then).
 */
public final class VerifiedTokens {

    private record Verified(JsonWebToken token, long expiresAtMillis) {
    }

    private final Cache<String, Verified> verified;
    private final Clock clock;

    public VerifiedTokens(long maxSize, Clock clock) {
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maxSize).expireAfter(new Expiry<String, Verified>() {
            @Override
            public long expireAfterCreate(String key, Verified value, long currentTime) {
                return TimeUnit.MILLISECONDS.toNanos(Math.max(0, value.expiresAtMillis() - clock.millis()));
            }

            @Override
            public long expireAfterUpdate(String key, Verified value, long currentTime, long currentDuration) {
                return expireAfterCreate(key, value, currentTime);
            }

            @Override
            public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    /** The verified token for exactly this text, if it was verified before and has not expired. */
    public Optional<JsonWebToken> get(String token) {
        Verified hit = verified.getIfPresent(token);
        if (hit == null) {
            return Optional.empty();
        }
        if (hit.expiresAtMillis() <= clock.millis()) {
            verified.invalidate(token);
            return Optional.empty();
        }
        return Optional.of(hit.token());
    }

    /** Remembers a token that has just passed the full check; a token without {@code exp} is not remembered. */
    public void remember(String token, JsonWebToken parsed) {
        long expiresAtSeconds = parsed.getExpirationTime();
        if (expiresAtSeconds <= 0) {
            return;
        }
        long expiresAtMillis = TimeUnit.SECONDS.toMillis(expiresAtSeconds);
        if (expiresAtMillis > clock.millis()) {
            verified.put(token, new Verified(parsed, expiresAtMillis));
        }
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
