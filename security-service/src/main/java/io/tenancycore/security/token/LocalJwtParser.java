package io.tenancycore.security.token;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * security-service checks bearer tokens against its own key ring instead of fetching its own JWKS over HTTP (which
 * other services do): no self-call, no start-up ordering problem, and a key rotated here is trusted at once.
 * Replaces smallrye-jwt's default parser for the Quarkus JWT mechanism of this service only.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class LocalJwtParser implements JWTParser {

    private static final String JWT = "JWT";

    @Inject
    TokenVerifier verifier;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        try {
            JwtClaims claims = verifier.verify(token);
            return new DefaultJWTCallerPrincipal(token, JWT, claims);
        } catch (InvalidJwtException e) {
            // the reason stays out of the message: callers only learn that the token was refused
            throw new ParseException("token refused");
        }
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parse(token);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        throw unsupported();
    }

    private static ParseException unsupported() {
        return new ParseException("only tokens of this service are accepted");
    }
}
