package io.tenancycore.security.audit;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.security.crypto.MasterKeyRing;
import io.tenancycore.security.store.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * The MAC keys of the audit chain. Each is derived from one master key ({@link MasterKeyRing#derive}), never the master
 * key itself, and named by that master key's public id, which every entry and checkpoint records as {@code key_id}.
 * After {@code ENCRYPTION_KEY} rotates, new entries use the new key and old ones verify with the key derived from
 * {@code ENCRYPTION_KEY_PREVIOUS}. So that they still verify once the previous master key is dropped, each derived key
 * is also archived in {@code security:{_platform}:audit:keys}, wrapped under the current master key (and re-wrapped
 * when a newer one appears): Redis holds it only in a form that needs the master key.
 */
public class AuditKeys {

    /** A MAC key for the links and checkpoints of tenants' chains. */
    static final String CHAIN = "chain";
    /** A separate MAC key for the witness (the second record of each chain's length), so neither MAC fits the other. */
    static final String WITNESS = "witness";
    private static final Map<String, String> PURPOSES = Map.of(
            CHAIN, "tenancy-core audit chain v1",
            WITNESS, "tenancy-core audit witness v1");
    private static final String LINK_DOMAIN = "tenancy-core/audit-link/v1\n";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Logger LOG = Logger.getLogger(AuditKeys.class);

    private final MasterKeyRing masterKeys;
    private final ReactiveRedisDataSource redis;
    private final Map<String, byte[]> resolved = new ConcurrentHashMap<>();
    private volatile boolean archived;

    public AuditKeys(MasterKeyRing masterKeys, ReactiveRedisDataSource redis) {
        this.masterKeys = masterKeys;
        this.redis = redis;
    }

    static String archiveKey() {
        return RedisKeys.platform("audit:keys");
    }

    /** The id new entries and checkpoints are keyed with: the current master key's id. */
    public String currentId() {
        return masterKeys.currentId();
    }

    byte[] current(String kind) {
        return masterKeys.derive(currentId(), PURPOSES.get(kind)).orElseThrow();
    }

    /** The key {@code kind}/{@code id}: derived when the ring knows that master key, else from the archive. */
    Uni<Optional<byte[]>> find(String kind, String id) {
        if (id == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        String field = kind + ":" + id;
        byte[] known = resolved.get(field);
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known));
        }
        Optional<byte[]> derived = masterKeys.derive(id, PURPOSES.get(kind));
        if (derived.isPresent()) {
            resolved.put(field, derived.get());
            return Uni.createFrom().item(derived);
        }
        return redis.hash(String.class).hget(archiveKey(), field).map(wrapped -> {
            if (wrapped == null) {
                return Optional.<byte[]>empty();
            }
            try {
                byte[] key = masterKeys.unwrap(wrapped, location(field));
                resolved.put(field, key);
                return Optional.of(key);
            } catch (RuntimeException e) {
                LOG.warnf("archived audit key %s does not unwrap: %s", field, e.getMessage());
                return Optional.<byte[]>empty();
            }
        });
    }

    /** Resolves several ids at once; unknown ones are absent from the answer. */
    Uni<Map<String, byte[]>> findAll(String kind, Collection<String> ids) {
        List<String> distinct = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<Optional<byte[]>>> lookups = distinct.stream().map(id -> find(kind, id)).toList();
        return Uni.join().all(lookups).andFailFast().map(found -> {
            Map<String, byte[]> keys = new HashMap<>();
            for (int i = 0; i < distinct.size(); i++) {
                Optional<byte[]> key = found.get(i);
                if (key.isPresent()) {
                    keys.put(distinct.get(i), key.get());
                }
            }
            return keys;
        });
    }

    /**
     * Archives the derived keys of every master key the ring knows, wrapped under the current one (re-deriving them
     * where the archive holds them under another master key), and re-wraps the other archived keys that are still
     * under an older master key this ring knows. Idempotent; runs at startup and before the first append.
     */
    Uni<Void> ensureArchived() {
        if (archived) {
            return Uni.createFrom().voidItem();
        }
        var hash = redis.hash(String.class);
        return hash.hgetall(archiveKey()).chain(stored -> {
            List<Uni<Void>> writes = new ArrayList<>();
            List<String> known = masterKeys.knownIds();
            for (String id : known) {
                for (Map.Entry<String, String> purpose : PURPOSES.entrySet()) {
                    String field = purpose.getKey() + ":" + id;
                    String wrapped = stored.get(field);
                    if (wrapped == null || !currentlyWrapped(wrapped)) {
                        byte[] key = masterKeys.derive(id, purpose.getValue()).orElseThrow();
                        writes.add(hash.hset(archiveKey(), field, masterKeys.wrap(key, location(field)))
                                .replaceWithVoid());
                    }
                }
            }
            for (Map.Entry<String, String> entry : stored.entrySet()) {
                String id = entry.getKey().substring(entry.getKey().indexOf(':') + 1);
                String wrappedBy = kekIdOrNull(entry.getValue());
                if (!known.contains(id) && wrappedBy != null && !currentlyWrapped(entry.getValue())
                        && known.contains(wrappedBy)) {
                    writes.add(hash.hset(archiveKey(), entry.getKey(),
                            masterKeys.rewrap(entry.getValue(), location(entry.getKey()))).replaceWithVoid());
                }
            }
            return writes.isEmpty() ? Uni.createFrom().voidItem()
                    : Uni.join().all(writes).andFailFast().replaceWithVoid();
        }).invoke(() -> archived = true);
    }

    private boolean currentlyWrapped(String wrapped) {
        return currentId().equals(kekIdOrNull(wrapped));
    }

    private static String kekIdOrNull(String wrapped) {
        try {
            return MasterKeyRing.kekIdOf(wrapped);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String location(String field) {
        return "audit/" + field;
    }

    /** An entry's link: HMAC over the scope (the chain it belongs to) and its canonical form, prev link included. */
    static String link(byte[] key, String scope, AuditEntry entry) {
        return mac(key, (LINK_DOMAIN + scope + "\n").getBytes(StandardCharsets.UTF_8), entry.keyedCanonical());
    }

    static String mac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("cannot compute audit MAC", e);
        }
    }

    /** Constant-time comparison of two hex MACs. */
    static boolean sameMac(String expected, String actual) {
        return expected != null && actual != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
    }
}
