package io.tenancycore.security.token;

import java.security.Key;
import java.time.Duration;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies this service's own tokens against the in-memory signing key ring: RS256 only (no {@code none}, no HMAC
 * confusion with the public key), known {@code kid} required, issuer, expiry and the standard claims enforced, and an
 * {@code aud} naming one of the accepted audiences (the platform's, or this service: a token issued for other
 * services only is refused here).
 */
public class TokenVerifier {

    private final JwtConsumer consumer;

    public TokenVerifier(SigningKeyRing ring, String issuer, Duration clockSkew, Set<String> acceptedAudiences) {
        VerificationKeyResolver resolver = (jws, nestingContext) -> {
            String kid = jws.getKeyIdHeaderValue();
            Key key = ring.publicKey(kid).orElse(null);
            if (key == null) {
                throw new UnresolvableKeyException("unknown kid");
            }
            return key;
        };
        this.consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(resolver)
                .setExpectedIssuer(true, issuer)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireJwtId()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds((int) clockSkew.toSeconds())
                .setExpectedAudience(true, acceptedAudiences.toArray(String[]::new))
                .build();
    }

    /** @throws InvalidJwtException when the token is not one of ours, tampered with, or expired */
    public JwtClaims verify(String token) throws InvalidJwtException {
        return consumer.processToClaims(token);
    }
}
