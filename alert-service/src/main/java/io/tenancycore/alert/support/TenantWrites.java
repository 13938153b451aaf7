package io.tenancycore.alert.support;

import io.tenancycore.commons.digest.Digests;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Redis writes of one change (an alert batch, an acknowledgement, a sweep step), all in one tenant's slot,
 * collected while the change is worked out and then applied by {@link TenantWriter} in one script: one round trip,
 * all or nothing, and Redis-Cluster safe because every key is declared and carries the tenant's hash tag.
 * <p>
 * Guards ({@link #expect}, {@link #limitNew}) make it a compare-and-set: the script applies nothing when a hash field
 * no longer holds what the change was computed from, or when new fields would overflow a cap. Writes to the
 * platform-wide indexes (another slot) are idempotent set additions, sent beside the script.
 */
public final class TenantWrites {

    private final String tenantId;
    private final String prefix;
    private final Map<String, Integer> keys = new LinkedHashMap<>();
    private final List<String> guards = new ArrayList<>();
    private String capKey;
    private int cap;
    private int adding;
    private final List<String> commands = new ArrayList<>();
    private int increments;
    private final Map<String, List<String>> pushes = new LinkedHashMap<>();
    private final Map<String, long[]> listBounds = new LinkedHashMap<>();
    private final Map<String, Set<String>> platformMembers = new LinkedHashMap<>();
    private final Set<String> done = new HashSet<>();

    public TenantWrites(String tenantId) {
        this.tenantId = tenantId;
        this.prefix = Keys.of(tenantId, "");
    }

    public String tenantId() {
        return tenantId;
    }

    /** Applies nothing unless {@code field} of {@code hashKey} still holds {@code value} (null: is absent). */
    public TenantWrites expect(String hashKey, String field, String value) {
        return expectDigest(hashKey, field, value == null ? null : Digests.sha1Hex(value));
    }

    /** As {@link #expect}, given the SHA-1 ({@link Digests#sha1Hex}) of the value the field must hold (null: none). */
    public TenantWrites expectDigest(String hashKey, String field, String sha1) {
        guards.add(Integer.toString(index(hashKey)));
        guards.add(field);
        guards.add(sha1 == null ? "" : sha1);
        return this;
    }

    /** Applies nothing when {@code hashKey} would hold more than {@code max} fields after {@code newFields} more. */
    public TenantWrites limitNew(String hashKey, int max, int newFields) {
        this.capKey = hashKey;
        this.cap = max;
        this.adding = newFields;
        return this;
    }

    /** One Redis command on one of the tenant's keys, e.g. {@code command("ZADD", key, "NX", "5", "member")}. */
    public TenantWrites command(String command, String key, String... args) {
        commands.add(command);
        commands.add(Integer.toString(index(key)));
        commands.add(Integer.toString(args.length));
        Collections.addAll(commands, args);
        return this;
    }

    /** HINCRBY; returns the position of its new value in {@link TenantWriter.Applied#increments()}. */
    public int increment(String hashKey, String field, long by) {
        command("HINCRBY", hashKey, field, Long.toString(by));
        return increments++;
    }

    /**
     * Pushes {@code value} at the head of a list kept to {@code keep} entries (expiring {@code ttlMillis} after the last
     * push when positive). All pushes to one list become one LPUSH and one LTRIM, in push order (newest first).
     */
    public TenantWrites push(String listKey, String value, int keep, long ttlMillis) {
        index(listKey);
        pushes.computeIfAbsent(listKey, k -> new ArrayList<>()).add(value);
        listBounds.put(listKey, new long[] {keep, ttlMillis});
        return this;
    }

    /** SADD to a platform-wide index (another slot than the tenant's): sent beside the script, idempotent. */
    public TenantWrites platformAdd(String setKey, String member) {
        platformMembers.computeIfAbsent(setKey, k -> new LinkedHashSet<>()).add(member);
        return this;
    }

    /** True the first time {@code tag} is named: lets a listener write what is the same for many alerts once. */
    public boolean firstTime(String tag) {
        return done.add(tag);
    }

    public boolean isEmpty() {
        return commands.isEmpty() && pushes.isEmpty() && platformMembers.isEmpty();
    }

    Map<String, Set<String>> platformMembers() {
        return platformMembers;
    }

    List<String> keys() {
        return List.copyOf(keys.keySet());
    }

    /** The script's ARGV: guards, the cap, then the commands (each: name, key index, argument count, arguments). */
    List<String> args() {
        List<String> args = new ArrayList<>(guards.size() + commands.size() + 8);
        args.add(Integer.toString(guards.size() / 3));
        args.addAll(guards);
        args.add(capKey == null ? "0" : Integer.toString(index(capKey)));
        args.add(Integer.toString(cap));
        args.add(Integer.toString(adding));
        args.addAll(commands);
        pushes.forEach((key, values) -> {
            String index = Integer.toString(keys.get(key));
            long[] bounds = listBounds.get(key);
            args.add("LPUSH");
            args.add(index);
            args.add(Integer.toString(values.size()));
            args.addAll(values);
            args.add("LTRIM");
            args.add(index);
            args.add("2");
            args.add("0");
            args.add(Long.toString(bounds[0] - 1));
            if (bounds[1] > 0) {
                args.add("PEXPIRE");
                args.add(index);
                args.add("1");
                args.add(Long.toString(bounds[1]));
            }
        });
        return args;
    }

    private int index(String key) {
        if (!key.startsWith(prefix)) {
            // every key of the script must be in the tenant's slot (Redis Cluster) and the tenant's own
            throw new IllegalArgumentException("key " + key + " is not tenant " + tenantId + "'s");
        }
        return keys.computeIfAbsent(key, k -> keys.size() + 1);
    }
}
