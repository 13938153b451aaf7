package io.tenancycore.security.crypto;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.security.crypto.TransitDtos.BatchResult;
import io.tenancycore.security.crypto.TransitDtos.CreateKey;
import io.tenancycore.security.crypto.TransitDtos.Item;
import io.tenancycore.security.crypto.TransitDtos.KeyConfig;
import io.tenancycore.security.crypto.TransitDtos.KeyView;
import io.tenancycore.security.crypto.TransitDtos.Request;
import io.tenancycore.security.crypto.TransitDtos.Result;
import io.tenancycore.security.events.SecurityEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Encryption as a service: named, versioned AES-256-GCM keys per tenant. */
@ApplicationScoped
public class TransitService {

    public enum Operation {
        ENCRYPT, DECRYPT, REWRAP, DATAKEY_PLAINTEXT, DATAKEY_WRAPPED
    }

    private static final int MAX_ROTATION_ATTEMPTS = 5;
    private static final String TYPE = "aes256-gcm96";
    /** RFC 3339 UTC with milliseconds, the same on create as on every later read (DESIGN, "API conventions"). */
    private static final java.time.format.DateTimeFormatter MILLIS = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    @Inject
    TransitKeyStore store;
    @Inject
    TransitEngine engine;
    @Inject
    TransitKeyCache keys;
    @Inject
    ManagedKeys managed;
    @Inject
    TransitConfig config;
    @Inject
    SecurityEvents events;
    @Inject
    Clock clock;

    public Uni<KeyView> create(String tenantId, CreateKey request) {
        managed.requireMayChange(request.name());
        Duration period = autoRotatePeriod(request.autoRotatePeriod());
        if (Boolean.TRUE.equals(request.exportable())) {
            throw new ProblemException(422, "Unprocessable Content", "Exportable keys are not supported: key "
                    + "material never leaves the service.");
        }
        Instant now = clock.instant();
        TransitKey key = new TransitKey(tenantId, request.name(), now, 1, 1, 0, period, false, false, now,
                new TreeMap<>(Map.of(1, now)), Map.of(1, engine.newWrappedMaterial(tenantId, request.name(), 1)));
        return store.create(key).chain(created -> created
                ? announce(SecurityEvents.KEY_CREATED, key, Map.of("version", 1)).replaceWith(view(key))
                : Uni.createFrom().failure(ProblemException.conflict("Key '" + request.name() + "' exists.")));
    }

    public Uni<List<KeyView>> list(String tenantId) {
        return store.names(tenantId).chain(names -> {
            if (names.isEmpty()) {
                return Uni.createFrom().item(List.<KeyView>of());
            }
            List<Uni<TransitKey>> reads = names.stream().map(name -> store.find(tenantId, name)).toList();
            return Uni.join().all(reads).andFailFast().map(keys -> keys.stream()
                    .filter(java.util.Objects::nonNull).map(TransitService::view).toList());
        });
    }

    public Uni<KeyView> get(String tenantId, String name) {
        return load(tenantId, name).map(TransitService::view);
    }

    public Uni<KeyView> configure(String tenantId, String name, KeyConfig request) {
        managed.requireMayChange(name);
        return load(tenantId, name).chain(key -> {
            int minDecrypt = request.minDecryptionVersion() == null ? key.minDecryptionVersion()
                    : request.minDecryptionVersion();
            int minEncrypt = request.minEncryptionVersion() == null ? key.minEncryptionVersion()
                    : request.minEncryptionVersion();
            List<Violation> violations = new ArrayList<>();
            if (minDecrypt > key.latestVersion()) {
                violations.add(new Violation("min_decryption_version", "must not exceed latest_version "
                        + key.latestVersion(), "Max"));
            }
            if (minEncrypt > key.latestVersion()) {
                violations.add(new Violation("min_encryption_version", "must not exceed latest_version "
                        + key.latestVersion(), "Max"));
            }
            if (minEncrypt != 0 && minEncrypt < minDecrypt) {
                violations.add(new Violation("min_encryption_version",
                        "must be 0 or at least min_decryption_version", "Range"));
            }
            if (!violations.isEmpty()) {
                return Uni.createFrom().failure(new ProblemException(422, "Unprocessable Content",
                        "The key configuration is inconsistent.", violations));
            }
            Duration period = request.autoRotatePeriod() == null ? key.autoRotatePeriod()
                    : autoRotatePeriod(request.autoRotatePeriod());
            boolean deletionAllowed = request.deletionAllowed() == null ? key.deletionAllowed()
                    : request.deletionAllowed();
            TransitKey updated = new TransitKey(tenantId, name, key.createdAt(), key.latestVersion(), minDecrypt,
                    minEncrypt, period, deletionAllowed, key.exportable(), key.lastRotated(), key.versionTimes(),
                    key.wrappedVersions());
            return store.updateConfig(updated).chain(found -> found
                    ? announce(SecurityEvents.KEY_CONFIGURED, updated, Map.of()).chain(() -> get(tenantId, name))
                    : Uni.createFrom().failure(notFound(name)));
        });
    }

    public Uni<KeyView> rotate(String tenantId, String name) {
        managed.requireMayChange(name);
        return rotate(tenantId, name, 1);
    }

    private Uni<KeyView> rotate(String tenantId, String name, int attempt) {
        return load(tenantId, name).chain(key -> {
            int next = key.latestVersion() + 1;
            String wrapped = engine.newWrappedMaterial(tenantId, name, next);
            return store.addVersion(tenantId, name, key.latestVersion(), wrapped, clock.instant()).chain(version -> {
                if (version < 0) {
                    return Uni.createFrom().failure(notFound(name));
                }
                if (version == 0) {
                    if (attempt >= MAX_ROTATION_ATTEMPTS) {
                        return Uni.createFrom().failure(ProblemException.conflict("Key '" + name
                                + "' is being rotated concurrently; try again."));
                    }
                    return rotate(tenantId, name, attempt + 1);
                }
                return announce(SecurityEvents.KEY_ROTATED, key, Map.of("version", version, "trigger", "manual"))
                        .chain(() -> get(tenantId, name));
            });
        });
    }

    public Uni<Void> delete(String tenantId, String name) {
        managed.requireMayChange(name);
        return load(tenantId, name).chain(key -> {
            if (!key.deletionAllowed()) {
                return Uni.createFrom().failure(ProblemException.conflict("Key '" + name
                        + "' cannot be deleted: set deletion_allowed first."));
            }
            return store.delete(tenantId, name).chain(() -> announce(SecurityEvents.KEY_DELETED, key, Map.of()));
        });
    }

    /** Runs one operation for a single input (a refused input fails the call) or a batch (errors per item). */
    public Uni<Object> execute(String tenantId, String name, Operation operation, Request request) {
        managed.requireMayUse(name);
        boolean batch = request.batchInput() != null;
        Item single = request.single();
        if (batch && hasAnyField(single)) {
            throw ProblemException.badRequest("Give either batch_input or a single input, not both.",
                    List.of(new Violation("batch_input", "cannot be combined with single-input fields", "exclusive")));
        }
        if (batch && request.batchInput().size() > config.maxBatchItems()) {
            throw ProblemException.badRequest("Too many batch items.", List.of(new Violation("batch_input",
                    "at most " + config.maxBatchItems() + " items", "Size")));
        }
        return dataKey(tenantId, name, operation, request).map(key -> {
            if (!batch) {
                try {
                    return (Object) apply(key, operation, single);
                } catch (TransitException e) {
                    throw e.toProblem();
                }
            }
            List<Result> results = new ArrayList<>(request.batchInput().size());
            for (Item item : request.batchInput()) {
                try {
                    results.add(apply(key, operation, item));
                } catch (TransitException e) {
                    results.add(new Result(null, null, null, e.getMessage()));
                }
            }
            return new BatchResult(results);
        });
    }

    /**
     * The key for a data operation, from memory ({@link TransitKeyCache}). A ciphertext of a version newer than the
     * cached key knows means another replica rotated and its event is still on the way: read the key again.
     */
    private Uni<UnwrappedKey> dataKey(String tenantId, String name, Operation operation, Request request) {
        return keys.get(tenantId, name).onItem().ifNull().failWith(() -> notFound(name)).chain(key -> {
            if (!newerVersionNamed(key.key(), operation, request)) {
                return Uni.createFrom().item(key);
            }
            keys.invalidate(tenantId, name);
            return keys.get(tenantId, name).onItem().ifNull().failWith(() -> notFound(name));
        });
    }

    private static boolean newerVersionNamed(TransitKey key, Operation operation, Request request) {
        if (operation != Operation.DECRYPT && operation != Operation.REWRAP) {
            Integer asked = request.single().keyVersion();
            return asked != null && asked > key.latestVersion();
        }
        List<Item> items = request.batchInput() != null ? request.batchInput() : List.of(request.single());
        for (Item item : items) {
            if (item.ciphertext() != null && Ciphertexts.versionOrZero(item.ciphertext()) > key.latestVersion()) {
                return true;
            }
        }
        return false;
    }

    private Result apply(UnwrappedKey key, Operation operation, Item item) {
        byte[] context = decode(item.context(), "context", true);
        return switch (operation) {
            case ENCRYPT -> {
                requireOnly(item, "plaintext", "key_version");
                byte[] plaintext = decode(item.plaintext(), "plaintext", false);
                String ciphertext = engine.encrypt(key, plaintext, context,
                        item.keyVersion() == null ? 0 : item.keyVersion());
                yield new Result(ciphertext, null, versionOf(ciphertext), null);
            }
            case DECRYPT -> {
                requireOnly(item, "ciphertext");
                yield new Result(null, Base64.getEncoder().encodeToString(engine.decrypt(key, require(item.ciphertext(),
                        "ciphertext"), context)), null, null);
            }
            case REWRAP -> {
                requireOnly(item, "ciphertext");
                String ciphertext = engine.rewrap(key, require(item.ciphertext(), "ciphertext"), context);
                yield new Result(ciphertext, null, versionOf(ciphertext), null);
            }
            case DATAKEY_PLAINTEXT, DATAKEY_WRAPPED -> {
                requireOnly(item, "bits");
                TransitEngine.DataKey dataKey = engine.dataKey(key,
                        item.bits() == null ? TransitEngine.DEFAULT_DATAKEY_BITS : item.bits(), context);
                yield new Result(dataKey.ciphertext(),
                        operation == Operation.DATAKEY_PLAINTEXT ? dataKey.plaintextBase64() : null,
                        versionOf(dataKey.ciphertext()), null);
            }
        };
    }

    private static void requireOnly(Item item, String... allowed) {
        List<String> allowedList = List.of(allowed);
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("plaintext", item.plaintext());
        given.put("ciphertext", item.ciphertext());
        given.put("key_version", item.keyVersion());
        given.put("bits", item.bits());
        given.forEach((field, value) -> {
            if (value != null && !allowedList.contains(field)) {
                throw TransitException.invalid(field + " does not apply to this operation");
            }
        });
    }

    private static boolean hasAnyField(Item item) {
        return item.plaintext() != null || item.ciphertext() != null || item.context() != null
                || item.keyVersion() != null || item.bits() != null;
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw TransitException.invalid(field + " is required");
        }
        return value;
    }

    private static byte[] decode(String base64, String field, boolean optional) {
        if (base64 == null) {
            if (optional) {
                return null;
            }
            throw TransitException.invalid(field + " is required (base64)");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw TransitException.invalid(field + " is not valid base64");
        }
    }

    private static Integer versionOf(String ciphertext) {
        return Ciphertexts.versionOrZero(ciphertext);
    }

    private Duration autoRotatePeriod(String text) {
        Duration period = Periods.parse(text);
        if (!period.isZero() && period.compareTo(config.minAutoRotatePeriod()) < 0) {
            throw ProblemException.badRequest("auto_rotate_period is too short.", List.of(new Violation(
                    "auto_rotate_period", "must be 0 or at least " + config.minAutoRotatePeriod().toSeconds() + "s",
                    "Min")));
        }
        return period;
    }

    private Uni<TransitKey> load(String tenantId, String name) {
        return store.find(tenantId, name).onItem().ifNull().failWith(() -> notFound(name));
    }

    private static ProblemException notFound(String name) {
        return ProblemException.notFound("No key '" + name + "' in this tenant.");
    }

    /** Drops this replica's copy of the key at once, then tells the other replicas and services. */
    Uni<Void> announce(String type, TransitKey key, Map<String, Object> extra) {
        keys.invalidate(key.tenantId(), key.name());
        Map<String, Object> data = new LinkedHashMap<>(extra);
        data.put("tenant_id", key.tenantId());
        data.put("key", key.name());
        return events.announce(type, key.tenantId(), data);
    }

    static KeyView view(TransitKey key) {
        Map<String, String> versions = new LinkedHashMap<>();
        key.versionTimes().forEach((version, time) -> versions.put(Integer.toString(version), MILLIS.format(time)));
        return new KeyView(key.name(), TYPE, key.latestVersion(), key.minDecryptionVersion(),
                key.minEncryptionVersion(), Periods.format(key.autoRotatePeriod()), versions, key.deletionAllowed(),
                key.exportable(), MILLIS.format(key.createdAt()), MILLIS.format(key.lastRotated()));
    }
}
