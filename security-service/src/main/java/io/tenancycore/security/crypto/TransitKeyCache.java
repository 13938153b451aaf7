package io.tenancycore.security.crypto;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.rbac.SecurityChangeObserver;
import io.tenancycore.security.events.SecurityEvents;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Transit keys as the data operations use them: metadata and unwrapped version material in this replica's memory, so
 * encrypt and decrypt make no Redis call and no unwrap in the common case. Bounded in size; an entry is dropped when
 * its key is created, rotated, reconfigured or deleted (at once by the replica that changed it, on the others by the
 * {@code tenancy.security-changes} event) and expires after a while anyway, so a lost event cannot keep an old policy
 * in force for long. Only metadata and material move in here: every check (versions allowed, context, tag) still
 * runs on every call.
 */
@ApplicationScoped
public class TransitKeyCache implements SecurityChangeObserver {

    static final Set<String> KEY_CHANGES = Set.of(SecurityEvents.KEY_CREATED, SecurityEvents.KEY_ROTATED,
            SecurityEvents.KEY_CONFIGURED, SecurityEvents.KEY_DELETED);

    private record Ref(String tenantId, String name) {
    }

    @Inject
    TransitKeyStore store;
    @Inject
    TransitConfig config;

    private AsyncCache<Ref, UnwrappedKey> keys;

    @PostConstruct
    void init() {
        keys = Caffeine.newBuilder().maximumSize(config.keyCache().maxKeys())
                .expireAfterWrite(config.keyCache().ttl()).buildAsync();
    }

    /** The key, or null when the tenant has none of that name (absence is not cached). */
    public Uni<UnwrappedKey> get(String tenantId, String name) {
        return Uni.createFrom().completionStage(() -> keys.get(new Ref(tenantId, name),
                (ref, executor) -> store.find(tenantId, name).map(key -> key == null ? null : new UnwrappedKey(key))
                        .subscribeAsCompletionStage()));
    }

    /** Drops the key on this replica (its writer calls this before announcing the change). */
    public void invalidate(String tenantId, String name) {
        keys.synchronous().invalidate(new Ref(tenantId, name));
    }

    @Override
    public Uni<Void> onSecurityChange(CloudEvent event) {
        if (KEY_CHANGES.contains(event.getType())) {
            Object tenant = event.getExtension(CloudEvents.TENANT_EXTENSION);
            if (tenant == null) {
                keys.synchronous().invalidateAll();
            } else {
                // the event names the key in its data; dropping the tenant's few keys needs no parsing
                keys.synchronous().asMap().keySet().removeIf(ref -> ref.tenantId().equals(tenant.toString()));
            }
        }
        return Uni.createFrom().voidItem();
    }
}
