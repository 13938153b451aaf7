package io.tenancycore.alert.support;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.digest.Digests;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@link TenantWrites} with one script (EVALSHA, loaded again after a Redis restart): the guards are checked
 * first and nothing is written unless all hold, then every command runs in order. The platform-wide set additions go
 * beside it on another connection, so a change costs one round trip of waiting.
 */
@ApplicationScoped
public class TenantWriter {

    /**
     * ARGV: guard count, then per guard (key index, field, sha1 of the expected value or '' for absent); cap key index
     * (0: none), cap, new fields; then commands as (name, key index, argument count, arguments...). Returns {1, HINCRBY
     * results...}, {0} when a guard failed, {2} when the cap would be passed.
     */
    static final String SCRIPT = """
            local a = ARGV
            local i = 2
            for _ = 1, tonumber(a[1]) do
              local current = redis.call('HGET', KEYS[tonumber(a[i])], a[i + 1])
              local seen = current and redis.sha1hex(current) or ''
              if seen ~= a[i + 2] then return {0} end
              i = i + 3
            end
            local capKey, cap, adding = tonumber(a[i]), tonumber(a[i + 1]), tonumber(a[i + 2])
            i = i + 3
            if capKey > 0 and adding > 0 and redis.call('HLEN', KEYS[capKey]) + adding > cap then return {2} end
            local results = {1}
            while i <= #a do
              local command, key, argc = a[i], KEYS[tonumber(a[i + 1])], tonumber(a[i + 2])
              local reply = redis.call(command, key, unpack(a, i + 3, i + 2 + argc))
              if command == 'HINCRBY' then results[#results + 1] = reply end
              i = i + 3 + argc
            end
            return results""";
    static final String SCRIPT_SHA = Digests.sha1Hex(SCRIPT);

    public enum Outcome { APPLIED, CONFLICT, FULL }

    /** What the script did; {@code increments} are the new values of the HINCRBYs, in order. */
    public record Applied(Outcome outcome, List<Long> increments) {
    }

    private final ReactiveRedisDataSource redis;

    public TenantWriter(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<Applied> apply(TenantWrites writes) {
        if (writes.isEmpty()) {
            return Uni.createFrom().item(new Applied(Outcome.APPLIED, List.of()));
        }
        List<String> keys = writes.keys();
        List<String> args = writes.args();
        Uni<Applied> script = keys.isEmpty() ? Uni.createFrom().item(new Applied(Outcome.APPLIED, List.of()))
                : run("EVALSHA", SCRIPT_SHA, keys, args)
                        .onFailure(TenantWriter::noScript).recoverWithUni(() -> run("EVAL", SCRIPT, keys, args))
                        .map(TenantWriter::applied);
        List<Uni<Void>> platform = new ArrayList<>();
        writes.platformMembers().forEach((key, members) -> platform.add(redis.set(String.class)
                .sadd(key, members.toArray(String[]::new)).replaceWithVoid()));
        if (platform.isEmpty()) {
            return script;
        }
        // both before anyone is told "done": the script's outcome is the answer, the platform indexes must be written
        Uni<Void> indexes = Uni.join().all(platform).andFailFast().replaceWithVoid();
        return Uni.combine().all().unis(script, indexes).asTuple().map(both -> both.getItem1());
    }

    private Uni<Response> run(String command, String script, List<String> keys, List<String> args) {
        String[] all = new String[2 + keys.size() + args.size()];
        all[0] = script;
        all[1] = Integer.toString(keys.size());
        int i = 2;
        for (String key : keys) {
            all[i++] = key;
        }
        for (String arg : args) {
            all[i++] = arg;
        }
        return redis.execute(command, all);
    }

    private static boolean noScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static Applied applied(Response response) {
        int status = response.get(0).toInteger();
        if (status == 0) {
            return new Applied(Outcome.CONFLICT, List.of());
        }
        if (status == 2) {
            return new Applied(Outcome.FULL, List.of());
        }
        List<Long> increments = new ArrayList<>(response.size() - 1);
        for (int i = 1; i < response.size(); i++) {
            increments.add(response.get(i).toLong());
        }
        return new Applied(Outcome.APPLIED, increments);
    }
}
