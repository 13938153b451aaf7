package io.tenancycore.workflow.instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.tenancycore.commons.redis.TenantKeys;
import io.tenancycore.workflow.definition.DefinitionStore;
import io.tenancycore.workflow.definition.StartableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Instances in Redis. Per tenant (one hash slot): {@code workflow:{t}:instance:<id>} (the record),
 * {@code workflow:{t}:journal:<id>}, {@code workflow:{t}:instances} (ids by creation time, newest kept),
 * {@code workflow:{t}:cancel:<id>} (a cancel request for whichever replica runs it) and the instance's lease
 * {@code workflow:{t}:lease:<id>}, and {@code workflow:{t}:active-instances}, its instances not yet final. Across
 * tenants: {@code workflow:{_platform}:active-tenants}, the tenants that have some, which every replica scans for
 * instances whose lease expired. A tenant joins it with its first active instance and leaves it only when a scan finds it has none
 * (so starting and ending an instance write no cross-tenant key as long as its tenant has others running);
 * {@code workflow:active}, the instances themselves, is what earlier versions wrote and is still scanned.
 */
@ApplicationScoped
public class InstanceStore {

    static final String SERVICE = "workflow";
    /** Written by earlier versions (members {@code tenant/id}); scanned until it is empty. */
    static final String ACTIVE = "workflow:active";
    /** Cross-tenant, used by single-key commands only; the fixed tag keeps DESIGN's key layout. */
    static final String ACTIVE_TENANTS = "workflow:{_platform}:active-tenants";
    /** Instances listed per tenant: the newest this many (older final ones expire). */
    static final int INDEX_SIZE = 1000;
    static final Duration FINAL_RETENTION = Duration.ofDays(7);

    /** {@link #create}'s outcome when the definition it was given is no longer what Redis holds. */
    public static final long STALE_DEFINITION = -2;
    public static final long CREATED = -1;
    /** Created, and the first active instance of its tenant: the tenant joins {@link #ACTIVE_TENANTS}. */
    private static final long CREATED_FIRST = -3;

    /**
     * KEYS: record, journal, tenant's index, tenant's active set, lease, tenant's definition index, the definition's
     * versions; ARGV: record, journal, created at, id, index size, most active, lease owner, lease TTL (ms), definition
     * name, version, fingerprint of its stored JSON ('' for none to check), '1' when it must be the latest.
     */
    private static final LuaScript CREATE = new LuaScript("""
            if ARGV[11] ~= '' then
              if ARGV[12] == '1' and redis.call('HGET', KEYS[6], ARGV[9]) ~= ARGV[10] then return -2 end
              local stored = redis.call('HGET', KEYS[7], ARGV[10])
              if not stored or redis.sha1hex(stored) ~= ARGV[11] then return -2 end
            end
            local active = redis.call('SCARD', KEYS[4])
            if active >= tonumber(ARGV[6]) then return active end
            local created = -1
            if active == 0 then created = -3 end
            redis.call('MSET', KEYS[1], ARGV[1], KEYS[2], ARGV[2])
            redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
            redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -tonumber(ARGV[5]) - 1)
            redis.call('SADD', KEYS[4], ARGV[4])
            redis.call('SET', KEYS[5], ARGV[7], 'PX', ARGV[8])
            return created""");

    /**
     * KEYS: record, journal, tenant's active set, cancel request, lease; ARGV: record, journal ('' to keep the one
     * written last, expiring), retention (ms), id, owner.
     */
    private static final LuaScript FINISH = new LuaScript("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
            if ARGV[2] == '' then redis.call('PEXPIRE', KEYS[2], ARGV[3])
            else redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3]) end
            redis.call('SREM', KEYS[3], ARGV[4])
            redis.call('DEL', KEYS[4])
            if ARGV[5] ~= '' and redis.call('GET', KEYS[5]) == ARGV[5] then redis.call('DEL', KEYS[5]) end
            return 1""");

    private final RedisDataSource redis;
    private final ReactiveRedisDataSource reactive;
    private final ValueCommands<String, String> values;
    private final ObjectMapper mapper;

    public InstanceStore(RedisDataSource redis, ReactiveRedisDataSource reactive, ObjectMapper mapper) {
        this.redis = redis;
        this.reactive = reactive;
        this.values = redis.value(String.class);
        this.mapper = mapper;
    }

    static String recordKey(String tenantId, String id) {
        return TenantKeys.key(SERVICE, tenantId, "instance:" + id);
    }

    static String journalKey(String tenantId, String id) {
        return TenantKeys.key(SERVICE, tenantId, "journal:" + id);
    }

    static String indexKey(String tenantId) {
        return TenantKeys.key(SERVICE, tenantId, "instances");
    }

    static String tenantActiveKey(String tenantId) {
        return TenantKeys.key(SERVICE, tenantId, "active-instances");
    }

    static String cancelKey(String tenantId, String id) {
        return TenantKeys.key(SERVICE, tenantId, "cancel:" + id);
    }

    public static String leaseKey(String tenantId, String id) {
        return TenantKeys.key(SERVICE, tenantId, "lease:" + id);
    }

    static String activeMember(String tenantId, String id) {
        return tenantId + "/" + id;
    }

    /**
     * A new instance of {@code definition}, unless the tenant already has {@code maxActive} not yet final or the
     * definition is stale: its record, journal, place in the tenant's list and in the active sets, and its lease for
     * {@code owner} (the replica that will run it), in one script on the tenant's keys, plus one command for the
     * cross-tenant set when it is the tenant's first active instance. Non-blocking: a start whose definition this
     * replica has in memory runs on the request's event loop from end to end, without a worker thread.
     *
     * @return -1 when created, {@link #STALE_DEFINITION} when Redis holds another version or document than
     *         {@code definition} (nothing written), else the tenant's count of active instances (nothing written)
     */
    public Uni<Long> create(InstanceRecord record, Journal journal, StartableDefinition definition, int maxActive,
            String owner, Duration leaseTtl) {
        String name = definition.definition().name();
        return CREATE.run(reactive, "7", recordKey(record.tenantId, record.id),
                journalKey(record.tenantId, record.id), indexKey(record.tenantId), tenantActiveKey(record.tenantId),
                leaseKey(record.tenantId, record.id), DefinitionStore.indexKey(record.tenantId),
                DefinitionStore.versionsKey(record.tenantId, name), write(record), write(journal),
                Long.toString(record.createdAt.toEpochMilli()), record.id, Integer.toString(INDEX_SIZE),
                Integer.toString(maxActive), owner, Long.toString(leaseTtl.toMillis()), name,
                Long.toString(definition.definition().version()),
                definition.checkedInRedis() ? definition.fingerprint() : "", definition.latest() ? "1" : "0")
                .flatMap(response -> {
                    long outcome = response.toLong();
                    if (outcome == CREATED_FIRST) {
                        return reactive.set(String.class).sadd(ACTIVE_TENANTS, record.tenantId).replaceWith(CREATED);
                    }
                    return Uni.createFrom().item(outcome);
                });
    }

    /** Record and journal together (one MSET: the same hash slot). */
    public void save(InstanceRecord record, Journal journal) {
        if (record.status.isFinal()) {
            finish(record, journal, null);
            return;
        }
        values.mset(Map.of(recordKey(record.tenantId, record.id), write(record),
                journalKey(record.tenantId, record.id), write(journal)));
    }

    /**
     * The final write: the record, out of the active sets, expiring; and the lease given back when {@code owner} holds
     * it. One script on the tenant's keys (one round trip; the tenant leaves the cross-tenant set at a scan). Only a failed
     * instance can run again (a retry, from its failed task), so only its journal is written; a completed or
     * cancelled one keeps the journal as last written while it ran (a copy of its definition document and its
     * completed steps, which nothing reads any more), expiring with the record.
     */
    public void finish(InstanceRecord record, Journal journal, String owner) {
        String finalJournal = record.status == InstanceStatus.FAILED ? write(journal) : "";
        FINISH.run(redis, "5", recordKey(record.tenantId, record.id),
                journalKey(record.tenantId, record.id), tenantActiveKey(record.tenantId),
                cancelKey(record.tenantId, record.id), leaseKey(record.tenantId, record.id), write(record),
                finalJournal, Long.toString(FINAL_RETENTION.toMillis()), record.id, owner == null ? "" : owner);
    }

    /** Back in the active set: a failed instance retried. */
    public void reactivate(InstanceRecord record, Journal journal) {
        redis.key().persist(recordKey(record.tenantId, record.id));
        redis.key().persist(journalKey(record.tenantId, record.id));
        save(record, journal);
        redis.set(String.class).sadd(tenantActiveKey(record.tenantId), record.id);
        redis.set(String.class).sadd(ACTIVE_TENANTS, record.tenantId);
    }

    public Optional<InstanceRecord> find(String tenantId, String id) {
        return Optional.ofNullable(values.get(recordKey(tenantId, id))).map(json -> read(json, InstanceRecord.class));
    }

    public Optional<Journal> journal(String tenantId, String id) {
        return Optional.ofNullable(values.get(journalKey(tenantId, id))).map(json -> read(json, Journal.class));
    }

    /** The tenant's instances, newest first. */
    public List<InstanceRecord> list(String tenantId) {
        List<String> ids = redis.sortedSet(String.class).zrange(indexKey(tenantId), 0, -1);
        List<InstanceRecord> all = new ArrayList<>();
        if (ids.isEmpty()) {
            return all;
        }
        Map<String, String> found = values.mget(ids.stream().map(id -> recordKey(tenantId, id))
                .toArray(String[]::new));
        for (int i = ids.size() - 1; i >= 0; i--) {
            String json = found.get(recordKey(tenantId, ids.get(i)));
            if (json != null) {
                all.add(read(json, InstanceRecord.class));
            }
        }
        return all;
    }

    /** True for the first caller only: an event that starts an instance is honoured once, redelivered or not. */
    public boolean claim(String tenantId, String what, String instanceId) {
        return redis.value(String.class).setnx(TenantKeys.key(SERVICE, tenantId, "claim:" + what), instanceId)
                && redis.key().expire(TenantKeys.key(SERVICE, tenantId, "claim:" + what), Duration.ofDays(30));
    }

    public void requestCancel(String tenantId, String id) {
        values.setex(cancelKey(tenantId, id), Duration.ofDays(1).toSeconds(), "1");
    }

    public boolean cancelRequested(String tenantId, String id) {
        return redis.key().exists(cancelKey(tenantId, id));
    }

    /**
     * Members {@code tenant/id} of the instances not yet final. A tenant found with none leaves the cross-tenant set;
     * it is put back when an instance was created meanwhile (that instance saw others and did not add it). A tenant
     * of an instance written by an earlier version joins it.
     */
    public Set<String> active() {
        Set<String> members = new java.util.LinkedHashSet<>();
        for (String member : redis.set(String.class).smembers(ACTIVE)) {
            members.add(member);
            int slash = member.indexOf('/');
            if (slash > 0) {
                redis.set(String.class).sadd(ACTIVE_TENANTS, member.substring(0, slash));
            }
        }
        for (String tenantId : redis.set(String.class).smembers(ACTIVE_TENANTS)) {
            Set<String> ids = redis.set(String.class).smembers(tenantActiveKey(tenantId));
            if (ids.isEmpty()) {
                forgetIdleTenant(tenantId);
            }
            ids.forEach(id -> members.add(activeMember(tenantId, id)));
        }
        return members;
    }

    private void forgetIdleTenant(String tenantId) {
        redis.set(String.class).srem(ACTIVE_TENANTS, tenantId);
        if (redis.set(String.class).scard(tenantActiveKey(tenantId)) > 0) {
            redis.set(String.class).sadd(ACTIVE_TENANTS, tenantId);
        }
    }

    public void forgetActive(String member) {
        redis.set(String.class).srem(ACTIVE, member);
        int slash = member.indexOf('/');
        if (slash > 0) {
            redis.set(String.class).srem(tenantActiveKey(member.substring(0, slash)), member.substring(slash + 1));
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " in Redis", e);
        }
    }
}
