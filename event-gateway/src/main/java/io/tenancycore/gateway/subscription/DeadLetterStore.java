package io.tenancycore.gateway.subscription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.redis.TenantKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's dead letters in one Redis hash, {@code gateway:{tenant}:dead-letters}, kept {@value #RETENTION_DAYS} days
 * after the last one (the topic {@code tenancy.events.dlq} keeps them by its own retention).
 */
@ApplicationScoped
public class DeadLetterStore {

    static final long RETENTION_DAYS = 7;

    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveKeyCommands<String> keys;
    private final ObjectMapper mapper;
    private final EventFormat json = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    public DeadLetterStore(ReactiveRedisDataSource redis, ObjectMapper mapper) {
        this.hashes = redis.hash(String.class);
        this.keys = redis.key();
        this.mapper = mapper;
    }

    static String key(String tenantId) {
        return TenantKeys.key(SubscriptionStore.SERVICE, tenantId, "dead-letters");
    }

    public Uni<Void> save(String tenantId, String subscriptionId, CloudEvent event, String reason, int attempts) {
        try {
            DeadLetter letter = new DeadLetter(DeadLetter.idOf(subscriptionId, event.getId()), subscriptionId, reason,
                    attempts, Instant.now().truncatedTo(ChronoUnit.MILLIS), mapper.readTree(json.serialize(event)));
            return hashes.hset(key(tenantId), letter.id(), mapper.writeValueAsString(letter))
                    .chain(() -> keys.expire(key(tenantId), Duration.ofDays(RETENTION_DAYS))).replaceWithVoid();
        } catch (IOException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** Oldest first. */
    public Uni<List<DeadLetter>> all(String tenantId) {
        return hashes.hgetall(key(tenantId)).map(entries -> entries.values().stream().map(this::read)
                .sorted(Comparator.comparing(DeadLetter::deadLetteredAt).thenComparing(DeadLetter::id)).toList());
    }

    public Uni<Optional<DeadLetter>> find(String tenantId, String id) {
        return hashes.hget(key(tenantId), id).map(value -> Optional.ofNullable(value).map(this::read));
    }

    public Uni<Boolean> delete(String tenantId, String id) {
        return hashes.hdel(key(tenantId), id).map(removed -> removed > 0);
    }

    /** The dead letter's event, as the SDK reads it back. */
    public CloudEvent event(DeadLetter letter) {
        try {
            return json.deserialize(mapper.writeValueAsBytes(letter.event()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private DeadLetter read(String value) {
        try {
            return mapper.readValue(value, DeadLetter.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable dead letter in Redis", e);
        }
    }
}
