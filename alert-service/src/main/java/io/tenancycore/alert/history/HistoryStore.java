package io.tenancycore.alert.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.support.AlertsConfig;
import io.tenancycore.alert.support.Keys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Bounded history lists in Redis, newest first: {@code alert:{t}:history} for the tenant and
 * {@code alert:{t}:history:<fingerprint>} per alert, each trimmed to its configured length on every write (one script,
 * both lists in the tenant's slot).
 */
@ApplicationScoped
public class HistoryStore {

    private static final String APPEND = """
            redis.call('LPUSH', KEYS[1], ARGV[1])
            redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
            if KEYS[2] then
              redis.call('LPUSH', KEYS[2], ARGV[1])
              redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[3]) - 1)
              redis.call('PEXPIRE', KEYS[2], ARGV[4])
            end
            return 1""";

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper mapper;
    private final AlertsConfig config;

    public HistoryStore(ReactiveRedisDataSource redis, ObjectMapper mapper, AlertsConfig config) {
        this.redis = redis;
        this.mapper = mapper;
        this.config = config;
    }

    public Uni<Void> append(String tenantId, HistoryEntry entry) {
        String json = write(entry);
        String tenantKey = Keys.of(tenantId, "history");
        long keepMillis = config.resolvedRetention().toMillis() * 7;
        if (entry.fingerprint() == null) {
            return redis.execute("EVAL", APPEND, "1", tenantKey, json, Integer.toString(config.historyPerTenant()))
                    .replaceWithVoid();
        }
        return redis.execute("EVAL", APPEND, "2", tenantKey, Keys.of(tenantId, "history:" + entry.fingerprint()),
                json, Integer.toString(config.historyPerTenant()), Integer.toString(config.historyPerAlert()),
                Long.toString(keepMillis)).replaceWithVoid();
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
