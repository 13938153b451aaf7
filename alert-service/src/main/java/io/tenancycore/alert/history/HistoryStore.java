package io.tenancycore.alert.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.support.AlertsConfig;
import io.tenancycore.alert.support.Keys;
import io.tenancycore.alert.support.TenantWriter;
import io.tenancycore.alert.support.TenantWrites;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Bounded history lists in Redis, newest first: {@code alert:{t}:history} for the tenant and
 * {@code alert:{t}:history:<fingerprint>} per alert, each trimmed to its configured length on every write (one script,
 * both lists in the tenant's slot, with whatever else the change writes: {@link TenantWrites}).
 */
@ApplicationScoped
public class HistoryStore {

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper mapper;
    private final AlertsConfig config;
    private final TenantWriter writer;

    public HistoryStore(ReactiveRedisDataSource redis, ObjectMapper mapper, AlertsConfig config, TenantWriter writer) {
        this.redis = redis;
        this.mapper = mapper;
        this.config = config;
        this.writer = writer;
    }

    public Uni<Void> append(String tenantId, HistoryEntry entry) {
        TenantWrites writes = new TenantWrites(tenantId);
        append(writes, entry);
        return writer.apply(writes).replaceWithVoid();
    }

    /** Adds the entry to the tenant's list and, when it concerns an alert, to the alert's (kept 7 × retention). */
    public void append(TenantWrites writes, HistoryEntry entry) {
        String json = write(entry);
        String tenantId = writes.tenantId();
        writes.push(Keys.of(tenantId, "history"), json, config.historyPerTenant(), 0);
        if (entry.fingerprint() != null) {
            writes.push(Keys.of(tenantId, "history:" + entry.fingerprint()), json, config.historyPerAlert(),
                    config.resolvedRetention().toMillis() * 7);
        }
    }

    /** Newest first, {@code limit} entries from {@code offset}. */
    public Uni<List<HistoryEntry>> tenant(String tenantId, int offset, int limit) {
        return range(Keys.of(tenantId, "history"), offset, limit);
    }

    public Uni<List<HistoryEntry>> alert(String tenantId, String fingerprint, int offset, int limit) {
        return range(Keys.of(tenantId, "history:" + fingerprint), offset, limit);
    }

    private Uni<List<HistoryEntry>> range(String key, int offset, int limit) {
        return redis.list(String.class).lrange(key, offset, (long) offset + limit - 1)
                .map(items -> items.stream().map(this::read).toList());
    }

    private String write(HistoryEntry entry) {
        try {
            return mapper.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HistoryEntry read(String json) {
        try {
            return mapper.readValue(json, HistoryEntry.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable history entry", e);
        }
    }
}
