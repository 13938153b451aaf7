package io.tenancycore.gateway.subscription;

import io.cloudevents.CloudEvent;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.redis.TenantKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

/**
 * Which events each subscription has already been served, so that a record Kafka hands out again (a rebalance
 * before the offset was committed, a replica restarted mid-batch, the same event published twice) is not delivered
 * twice. CloudEvents names an event by {@code source} and {@code id}; the ledger keeps one key per subscription and
 * event, {@code gateway:{tenant}:handled:<subscription>:<digest of source and id>}, for {@value #WINDOW_HOURS} hours.
 *
 * <p>An event is marked only once its outcome is final (taken by the sink, or dead-lettered), so a dispatcher that
 * dies mid-delivery leaves nothing behind and the redelivered record is served: at least once, and in practice
 * once.
 */
@ApplicationScoped
public class DeliveryLedger {

    static final long WINDOW_HOURS = 24;

    private final ReactiveValueCommands<String, String> values;

    public DeliveryLedger(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    public Uni<Boolean> handled(String tenantId, String subscriptionId, CloudEvent event) {
        return values.get(key(tenantId, subscriptionId, event)).map(value -> value != null);
    }

    public Uni<Void> markHandled(String tenantId, String subscriptionId, CloudEvent event) {
        return values.set(key(tenantId, subscriptionId, event), "1", new SetArgs().ex(Duration.ofHours(WINDOW_HOURS)));
    }

    static String key(String tenantId, String subscriptionId, CloudEvent event) {
        return TenantKeys.key(SubscriptionStore.SERVICE, tenantId, "handled:" + subscriptionId + ":" + digest(event));
    }

    /** Source and id may be long and hold any character; the key holds a fixed-size digest of both. */
    private static String digest(CloudEvent event) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    (event.getSource() + "\n" + event.getId()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
