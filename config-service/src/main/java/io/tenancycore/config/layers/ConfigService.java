package io.tenancycore.config.layers;

import io.tenancycore.config.support.Keys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.tenantstatus.TenantFeatures;
import io.tenancycore.commons.cache.CacheCodec;
import io.tenancycore.commons.cache.TieredCache;
import io.tenancycore.commons.cache.TieredCaches;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.config.schema.SchemaService;
import io.tenancycore.config.secret.SecretCipher;
import io.tenancycore.config.support.ConfigProblems;
import io.tenancycore.config.support.ConfigServiceConfig;
import io.tenancycore.config.support.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layered configuration: merged reads (cached, with provenance), time-travel reads, writes that validate against
 * namespace schemas, encrypt secrets and become one revision each, and rollback.
 */
@ApplicationScoped
public class ConfigService {

    public static final String EFFECTIVE_CACHE = "config-effective";
    /** The tenant feature (seed catalog) that export needs: bulk copying a tenant's configuration out. */
    public static final String EXPORT_FEATURE = "data_export";

    private final ConfigStore store;
    private final EnvironmentDefaults defaults;
    private final SchemaService schemas;
    private final SecretCipher cipher;
    private final ChangeAnnouncements announcer;
    private final RevisionTracker tracker;
    private final ConfigServiceConfig config;
    private final TieredCache<EffectiveConfig> cache;
    private final TenantFeatures features;

    public ConfigService(ConfigStore store, EnvironmentDefaults defaults, SchemaService schemas, SecretCipher cipher,
            ChangeAnnouncements announcer, RevisionTracker tracker, ConfigServiceConfig config, TieredCaches caches,
            ObjectMapper mapper, TenantFeatures features) {
        this.features = features;
        this.store = store;
        this.defaults = defaults;
        this.schemas = schemas;
        this.cipher = cipher;
        this.announcer = announcer;
        this.tracker = tracker;
        this.config = config;
        this.cache = caches.cache(EFFECTIVE_CACHE, CacheCodec.json(mapper, EffectiveConfig.class));
    }

    /** A replica that starts knows the platform's revision, so it cannot trust a platform-stale cached view. */
    void seedPlatformRevision(@Observes StartupEvent start) {
        store.state(RedisKeys.PLATFORM).subscribe().with(state -> tracker.seen(RedisKeys.PLATFORM, state.revision()),
                failure -> { });
    }

    public String requireEnvironment(String environment) {
        if (environment != null && !config.environments().contains(environment)) {
            throw ConfigProblems.invalidInput("env", "unknown environment '" + environment + "'; known: "
                    + config.environments());
        }
        return environment;
    }

    /**
     * The merged view if this replica's L1 holds a current copy, else {@code null} — the everyday read answered
     * without building a reactive pipeline; {@link #effective} does the rest.
     */
    public EffectiveConfig effectiveIfCachedLocally(String tenantId, String environment) {
        EffectiveConfig view = cache.getLocal(RedisKeys.effective(tenantId, environment));
        return view != null && tracker.isCurrent(view) ? view : null;
    }

    /** The merged view, from the tiered cache when it is current (no Redis command on an L1 hit). */
    public Uni<EffectiveConfig> effective(String tenantId, String environment) {
        String key = RedisKeys.effective(tenantId, environment);
        return cache.get(key, () -> loadEffective(tenantId, environment)).chain(view -> {
            if (tracker.isCurrent(view)) {
                return Uni.createFrom().item(view);
            }
            return loadEffective(tenantId, environment).call(fresh -> cache.put(key, fresh));
        });
    }

    /**
     * The merged view as it was right after the tenant's {@code revision} was committed: the tenant's layers at that
     * revision, the global and environment layers at the platform revision recorded with it (or at
     * {@code platformRevision} when given). 404 for a revision not reached yet, 410 for one older than the history
     * kept ({@code tenancy.config.history-retention} revisions per tenant and for the platform).
     */
    public Uni<EffectiveConfig> effectiveAt(String tenantId, String environment, long revision,
            Long platformRevision) {
        return tenantLayersAt(tenantId, tenantLayers(environment), revision).chain(past -> {
            Long platformAt = platformRevision != null ? platformRevision : past.platformRevision();
            return platformLayersAt(environment, platformAt).map(platform -> merge(tenantId, environment, revision,
                    platform.revision(), platform.layers(), past.layers()));
        });
    }

    /** Sets one key in one layer as one revision, if {@code condition} holds. */
    public Uni<Committed> put(String actor, String tenantId, Layer layer, String key, ConfigWrite write,
            Revisions.KeyCondition condition) {
        Keys.requireValid("key", key);
        Map<String, JsonNode> plain = Map.of(key, write.value());
        return validate(tenantId, layer, write.isSecret() ? Map.of() : plain, List.of())
                .chain(() -> write.isSecret()
                        ? cipher.encrypt(tenantId, write.value()).map(StoredValue::ciphertext)
                        : Uni.createFrom().item(StoredValue.plain(write.value())))
                .chain(stored -> commit(actor, tenantId, layer, List.of(Mutation.set(layer, key, stored)
                        .onlyIfModRevision(condition.modRevision())), condition.tenantRevision(), "config.put"));
    }

    public Uni<Committed> delete(String actor, String tenantId, Layer layer, String key,
            Revisions.KeyCondition condition) {
        Keys.requireValid("key", key);
        return store.layer(tenantId, layer).chain(current -> {
            if (!current.containsKey(key)) {
                throw ProblemException.notFound("Key '" + key + "' is not set in layer " + layer + ".");
            }
            return validate(tenantId, layer, Map.of(), List.of(key));
        }).chain(() -> commit(actor, tenantId, layer, List.of(Mutation.delete(layer, key)
                .onlyIfModRevision(condition.modRevision())), condition.tenantRevision(), "config.delete"));
    }

    /**
     * Sets many keys of one layer as one revision (plain values only). {@code replace}: the layer becomes exactly
     * {@code values}; every other key of it (secrets too) is removed in the same revision.
     */
    public Uni<Committed> importValues(String actor, String tenantId, Layer layer, Map<String, JsonNode> values,
            boolean replace, Long ifMatch) {
        if (values.isEmpty() && !replace) {
            throw ConfigProblems.invalidInput("", "nothing to import");
        }
        values.keySet().forEach(key -> Keys.requireValid(key, key));
        Uni<List<String>> removed = replace ? store.layer(tenantId, layer).map(current -> current.keySet().stream()
                .filter(key -> !values.containsKey(key)).sorted().toList()) : Uni.createFrom().item(List.of());
        return removed.chain(gone -> {
            List<Mutation> mutations = new ArrayList<>();
            values.forEach((key, value) -> mutations.add(Mutation.set(layer, key, StoredValue.plain(value))));
            gone.forEach(key -> mutations.add(Mutation.delete(layer, key)));
            if (mutations.isEmpty()) {
                throw ConfigProblems.invalidInput("", "nothing to import: the layer is already empty");
            }
            return validate(tenantId, layer, values, gone)
                    .chain(() -> commit(actor, tenantId, layer, mutations, ifMatch, "config.import"));
        });
    }

    /** A layer's plain values, and the keys of the secrets left out of them. */
    public record Exported(Map<String, JsonNode> values, List<String> omittedSecrets) {
    }

    /** Export is the {@value #EXPORT_FEATURE} feature: refused (403) for a tenant whose document does not list it. */
    public Uni<Exported> export(String tenantId, Layer layer) {
        return features.require(ConfigProblems.SERVICE, tenantId, EXPORT_FEATURE).chain(() -> exportLayer(tenantId,
                layer));
    }

    /** A platform layer's values (they hold no secrets). */
    public Uni<Map<String, JsonNode>> platformLayer(Layer layer) {
        return exportLayer(RedisKeys.PLATFORM, layer).map(Exported::values);
    }

    private Uni<Exported> exportLayer(String tenantId, Layer layer) {
        return store.layer(tenantId, layer).map(values -> {
            Map<String, JsonNode> plain = new java.util.TreeMap<>();
            List<String> secrets = new ArrayList<>();
            values.forEach((key, stored) -> {
                if (stored.secret()) {
                    secrets.add(key);
                } else {
                    plain.put(key, stored.value());
                }
            });
            secrets.sort(null);
            return new Exported(plain, secrets);
        });
    }

    /** Makes every tenant layer what it was at {@code revision}, as one new revision. */
    public Uni<Committed> rollback(String actor, String tenantId, long revision, Long ifMatch) {
        List<Layer> layers = allTenantLayers();
        return store.state(tenantId).chain(state -> {
            if (ifMatch != null && ifMatch != state.revision()) {
                throw ConfigProblems.revisionConflict(ifMatch, state.revision());
            }
            return store.layers(tenantId, layers).chain(current -> tenantLayersAt(tenantId, layers, revision)
                    .chain(past -> {
                        List<Mutation> mutations = diff(current, past.layers());
                        if (mutations.isEmpty()) {
                            return Uni.createFrom().item(new Committed(state.revision(), false));
                        }
                        // the diff was computed from the state read above: apply it only on that exact state
                        return commit(actor, tenantId, layers.get(0), mutations, state.revision(),
                                "config.rollback");
                    }));
        });
    }

    public Uni<RevisionState> state(String owner) {
        return store.state(owner);
    }

    public Uni<List<RevisionRecord>> revisionsAfter(String owner, long revision) {
        return store.revisionsAfter(owner, revision);
    }

    public Uni<JsonNode> reveal(String tenantId, EffectiveEntry entry) {
        return cipher.decrypt(tenantId, entry.value().asText());
    }

    public List<Layer> allTenantLayers() {
        List<Layer> layers = new ArrayList<>();
        layers.add(Layer.tenant(null));
        config.environments().forEach(environment -> layers.add(Layer.tenant(environment)));
        return layers;
    }

    /** A committed revision; {@code created}: a set key was not in its layer before. */
    public record Committed(long revision, boolean created) {
    }

    private Uni<Committed> commit(String actor, String tenantId, Layer layer, List<Mutation> mutations, Long ifMatch,
            String action) {
        String owner = layer.owner(tenantId);
        // a tenant's revision remembers the platform's, so that reading "at revision N" is a true point in time
        Uni<Long> platformRevision = layer.platformWide() ? Uni.createFrom().nullItem()
                : store.revision(RedisKeys.PLATFORM);
        return platformRevision.chain(platform -> store.commit(owner, mutations, ifMatch, actor, action, platform))
                .call(committed -> {
                    long revision = committed.revision();
                    tracker.seen(owner, revision);
                    List<String> keys = mutations.stream().map(Mutation::key).distinct().toList();
                    List<String> layerIds = mutations.stream().map(m -> m.layer().id()).distinct().toList();
                    return invalidate(layer.platformWide() ? null : tenantId)
                            .chain(() -> announcer.announce(layer.platformWide() ? null : tenantId, owner, revision,
                                    keys, layerIds));
                });
    }

    private Uni<Void> invalidate(String tenantId) {
        if (tenantId == null) {
            return Uni.createFrom().voidItem(); // platform change: every cached view is outdated by revision
        }
        List<Uni<Void>> drops = new ArrayList<>();
        drops.add(cache.invalidate(RedisKeys.effective(tenantId, null)));
        config.environments().forEach(environment -> drops.add(cache.invalidate(
                RedisKeys.effective(tenantId, environment))));
        return Uni.join().all(drops).andCollectFailures().replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /** Schema check of the merged view the change would produce; platform layers carry no tenant schema. */
    private Uni<Void> validate(String tenantId, Layer layer, Map<String, JsonNode> setPlain, List<String> deleted) {
        if (layer.platformWide()) {
            return Uni.createFrom().voidItem();
        }
        String environment = layer.environment();
        List<String> touched = new ArrayList<>(setPlain.keySet());
        touched.addAll(deleted);
        return Uni.combine().all().unis(platformLayers(environment), store.layers(tenantId, tenantLayers(environment)))
                .asTuple().chain(both -> {
                    Map<String, Map<String, StoredValue>> tenant = new LinkedHashMap<>();
                    both.getItem2().forEach((l, values) -> {
                        Map<String, StoredValue> copy = new HashMap<>(values);
                        if (l.equals(layer)) {
                            deleted.forEach(copy::remove);
                            setPlain.forEach((key, value) -> copy.put(key, StoredValue.plain(value)));
                        }
                        tenant.put(l.id(), copy);
                    });
                    Map<String, JsonNode> merged = new HashMap<>();
                    merge(tenantId, environment, 0, 0, both.getItem1(), tenant).entries().forEach((key, entry) -> {
                        if (!entry.secret()) {
                            merged.put(key, entry.value());
                        }
                    });
                    return schemas.check(tenantId, touched, merged);
                });
    }

    private Uni<EffectiveConfig> loadEffective(String tenantId, String environment) {
        List<Layer> tenantLayers = tenantLayers(environment);
        return Uni.combine().all().unis(platformLayers(environment), store.layers(tenantId, tenantLayers),
                store.state(tenantId), store.state(RedisKeys.PLATFORM)).asTuple().map(all -> {
                    Map<String, Map<String, StoredValue>> tenant = new LinkedHashMap<>();
                    all.getItem2().forEach((layer, values) -> tenant.put(layer.id(), values));
                    return merge(tenantId, environment, all.getItem3().revision(), all.getItem4().revision(),
                            all.getItem1(), tenant);
                });
    }

    private EffectiveConfig merge(String tenantId, String environment, long revision, long platformRevision,
            Map<String, Map<String, StoredValue>> platform, Map<String, Map<String, StoredValue>> tenant) {
        List<Map.Entry<String, Map<String, StoredValue>>> ordered = new ArrayList<>(platform.entrySet());
        ordered.addAll(tenant.entrySet());
        return EffectiveConfig.merge(tenantId, environment, revision, platformRevision, ordered);
    }

    /** global, then the environment (core.yaml below what was written through the API), by layer id. */
    private Uni<Map<String, Map<String, StoredValue>>> platformLayers(String environment) {
        List<Layer> layers = new ArrayList<>();
        layers.add(Layer.global());
        if (environment != null) {
            layers.add(Layer.environment(environment));
        }
        return store.layers(RedisKeys.PLATFORM, layers).map(read -> {
            Map<String, Map<String, StoredValue>> byId = new LinkedHashMap<>();
            read.forEach((layer, values) -> {
                if (layer.kind() == Layer.Kind.ENVIRONMENT) {
                    Map<String, StoredValue> withDefaults = new HashMap<>(defaults.of(environment));
                    withDefaults.putAll(values);
                    byId.put(layer.id(), withDefaults);
                } else {
                    byId.put(layer.id(), values);
                }
            });
            return byId;
        });
    }

    private static List<Layer> tenantLayers(String environment) {
        return environment == null ? List.of(Layer.tenant(null))
                : List.of(Layer.tenant(null), Layer.tenant(environment));
    }

    /** Layers as they were at a revision, and the platform revision recorded with it (null: none recorded). */
    private record LayersAt(Map<String, Map<String, StoredValue>> layers, Long platformRevision) {
    }

    private record PlatformAt(Map<String, Map<String, StoredValue>> layers, long revision) {
    }

    /** The platform layers as they were at {@code revision} ({@code null}: now). */
    private Uni<PlatformAt> platformLayersAt(String environment, Long revision) {
        // layers first, then the log: the log then covers every change the layers reflect
        return platformLayers(environment).chain(current -> store.state(RedisKeys.PLATFORM).chain(state -> {
            if (revision == null) {
                return Uni.createFrom().item(new PlatformAt(current, state.revision()));
            }
            requireKept("The platform", revision, state);
            return store.revisionsAfter(RedisKeys.PLATFORM, revision).map(later -> new PlatformAt(
                    undo(current, later), revision));
        }));
    }

    private static void requireKept(String owner, long revision, RevisionState state) {
        if (revision < 0 || revision > state.revision()) {
            throw ProblemException.notFound(owner + " has no revision " + revision + " (current: "
                    + state.revision() + ").");
        }
        if (revision < state.compactedUpTo()) {
            throw ConfigProblems.compacted(revision, state.compactedUpTo());
        }
    }

    /** The given tenant layers as they were at {@code revision}: now, with every later revision undone. */
    private Uni<LayersAt> tenantLayersAt(String tenantId, List<Layer> layers, long revision) {
        // layers first, then the log: the log then covers every change the layers reflect
        return store.layers(tenantId, layers).chain(current -> store.state(tenantId).chain(state -> {
            requireKept("Tenant '" + tenantId + "'", revision, state);
            // from the revision itself on: its record names the platform revision it was made on
            return store.revisionsAfter(tenantId, Math.max(0, revision - 1)).map(records -> {
                Long platformRevision = records.stream().filter(r -> r.revision() == revision).findFirst()
                        .map(RevisionRecord::platformRevision).orElse(null);
                List<RevisionRecord> later = records.stream().filter(r -> r.revision() > revision).toList();
                Map<String, Map<String, StoredValue>> byId = new LinkedHashMap<>();
                current.forEach((layer, values) -> byId.put(layer.id(), values));
                return new LayersAt(undo(byId, later), platformRevision);
            });
        }));
    }

    /** Layers (by id) with the given later revisions undone, newest first. */
    private static Map<String, Map<String, StoredValue>> undo(Map<String, Map<String, StoredValue>> current,
            List<RevisionRecord> later) {
        Map<String, Map<String, StoredValue>> past = new LinkedHashMap<>();
        current.forEach((layer, values) -> past.put(layer, new HashMap<>(values)));
        for (int i = later.size() - 1; i >= 0; i--) {
            List<StoredChange> changes = later.get(i).changes();
            for (int c = changes.size() - 1; c >= 0; c--) {
                StoredChange change = changes.get(c);
                Map<String, StoredValue> layer = past.get(change.layer());
                if (layer == null) {
                    continue;
                }
                if (change.old() == null) {
                    layer.remove(change.key());
                } else {
                    layer.put(change.key(), StoredValue.decode(change.old()));
                }
            }
        }
        return past;
    }

    private static List<Mutation> diff(Map<Layer, Map<String, StoredValue>> current,
            Map<String, Map<String, StoredValue>> past) {
        List<Mutation> mutations = new ArrayList<>();
        current.forEach((layer, now) -> {
            Map<String, StoredValue> then = past.getOrDefault(layer.id(), Map.of());
            then.forEach((key, value) -> {
                if (!value.sameContent(now.get(key))) {
                    mutations.add(Mutation.set(layer, key, value.withoutRevision()));
                }
            });
            now.keySet().stream().filter(key -> !then.containsKey(key))
                    .forEach(key -> mutations.add(Mutation.delete(layer, key)));
        });
        return mutations;
    }
}
