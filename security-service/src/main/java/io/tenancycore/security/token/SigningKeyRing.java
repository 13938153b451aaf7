package io.tenancycore.security.token;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.runtime.BlockingOperationNotAllowedException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tenancycore.security.crypto.MasterKeyRing;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The signing keys this replica knows, loaded from Redis: the active one signs, retired ones verify until the last
 * token they signed has expired, then they leave the JWKS. Reads are lock-free snapshots so token verification never
 * waits for Redis.
 */
public class SigningKeyRing {

    private final SigningKeyStore store;
    private final MasterKeyRing masterKeys;
    private final Clock clock;
    private final Duration retention;
    private final int keyBits;
    private volatile Snapshot snapshot = new Snapshot(null, Map.of(), Map.of());

    /** Ready-to-use key material of the keys currently published. */
    record Snapshot(String activeKid, Map<String, SigningKey> keys, Map<String, PublicKey> publicKeys) {
    }

    /**
     * @param retention how long a retired key stays published: the longest token TTL plus clock skew
     */
    public SigningKeyRing(SigningKeyStore store, MasterKeyRing masterKeys, Clock clock, Duration retention,
            int keyBits) {
        this.store = store;
        this.masterKeys = masterKeys;
        this.clock = clock;
        this.retention = retention;
        this.keyBits = keyBits;
    }

    /** Loads the keys; creates the first one when the platform has none yet. */
    public Uni<Void> initialize() {
        return reload().chain(() -> snapshot.activeKid() == null ? rotate(null).replaceWithVoid()
                : Uni.createFrom().voidItem());
    }

    public Uni<Void> reload() {
        return store.activeKid().chain(active -> store.all().map(all -> {
            Map<String, SigningKey> keys = new HashMap<>();
            Map<String, PublicKey> publicKeys = new HashMap<>();
            for (SigningKey key : all) {
                keys.put(key.kid(), key);
                publicKeys.put(key.kid(), publicKeyOf(key));
            }
            snapshot = new Snapshot(active, Map.copyOf(keys), Map.copyOf(publicKeys));
            return null;
        })).replaceWithVoid();
    }

    /**
     * Makes a new key active; the previous active key is retired. When another replica rotated at the same time,
     * its key wins and this call reports that key.
     *
     * @param expectedActive the kid that was active when the caller decided to rotate; null reads the current one
     */
    public Uni<String> rotate(String expectedActive) {
        return store.activeKid().chain(active -> {
            if (expectedActive != null && !expectedActive.equals(active)) {
                return reload().replaceWith(active);
            }
            // RSA key generation takes up to seconds on a busy machine: on a worker, never on the event loop
            return Uni.createFrom().item(this::generate).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .chain(fresh -> activate(active, fresh));
        });
    }

    private Uni<String> activate(String active, SigningKey fresh) {
        return store.activate(active, fresh).chain(won -> {
            if (!won) {
                return reload().chain(() -> store.activeKid());
            }
            Uni<Void> retirePrevious = active == null ? Uni.createFrom().voidItem()
                    : store.all().chain(all -> all.stream().filter(key -> key.kid().equals(active)).findFirst()
                            .map(previous -> store.save(previous.retire(clock.instant())))
                            .orElse(Uni.createFrom().voidItem()));
            return retirePrevious.chain(this::reload).replaceWith(fresh.kid());
        });
    }

    /** Removes keys retired longer ago than the retention: no unexpired token can carry them. */
    public Uni<List<String>> purgeExpired() {
        Instant cutoff = clock.instant().minus(retention);
        List<String> expired = snapshot.keys().values().stream()
                .filter(key -> key.retiredAt() != null && key.retiredAt().isBefore(cutoff))
                .map(SigningKey::kid).toList();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String kid : expired) {
            chain = chain.chain(() -> store.remove(kid));
        }
        return chain.chain(this::reload).replaceWith(expired);
    }

    public Optional<String> activeKid() {
        return Optional.ofNullable(snapshot.activeKid());
    }

    public Optional<Instant> activeSince() {
        return activeKid().map(kid -> snapshot.keys().get(kid)).map(SigningKey::createdAt);
    }

    public Optional<PublicKey> publicKey(String kid) {
        return Optional.ofNullable(kid).map(snapshot.publicKeys()::get);
    }

    /** The active kid with its private key, unwrapped on demand. */
    public Map.Entry<String, PrivateKey> activeSigner() {
        Snapshot current = snapshot;
        SigningKey active = current.activeKid() == null ? null : current.keys().get(current.activeKid());
        if (active == null) {
            throw new IllegalStateException("no active signing key");
        }
        byte[] pkcs8 = masterKeys.unwrap(active.privateWrapped(), SigningKey.materialLocation(active.kid()));
        try {
            return Map.entry(active.kid(), KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("stored signing key is unreadable", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** The public keys to publish, newest first, as JWK JSON objects. */
    public List<Map<String, Object>> publishedJwks() {
        return snapshot.keys().values().stream()
                .sorted(Comparator.comparing(SigningKey::createdAt).reversed())
                .map(key -> {
                    try {
                        return JsonWebKey.Factory.newJwk(key.publicJwk())
                                .toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
                    } catch (JoseException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    List<SigningKey> keys() {
        return List.copyOf(snapshot.keys().values());
    }

    private SigningKey generate() {
        if (!BlockingOperationControl.isBlockingAllowed()) {
            throw new BlockingOperationNotAllowedException("RSA key generation must not run on an event loop thread");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(keyBits);
            KeyPair pair = generator.generateKeyPair();
            String kid = UUID.randomUUID().toString();
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
            jwk.setKeyId(kid);
            jwk.setAlgorithm("RS256");
            jwk.setUse("sig");
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            try {
                return new SigningKey(kid, clock.instant(), null,
                        jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY),
                        masterKeys.wrap(pkcs8, SigningKey.materialLocation(kid)));
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static PublicKey publicKeyOf(SigningKey key) {
        try {
            return ((RsaJsonWebKey) JsonWebKey.Factory.newJwk(key.publicJwk())).getRsaPublicKey();
        } catch (JoseException e) {
            throw new IllegalStateException("stored public key is unreadable", e);
        }
    }

    /** For master-key re-wrapping. */
    public SigningKeyStore store() {
        return store;
    }
}
