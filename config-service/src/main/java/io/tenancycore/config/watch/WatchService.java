package io.tenancycore.config.watch;

import io.smallrye.mutiny.Uni;
import io.tenancycore.config.history.HistoryEntry;
import io.tenancycore.config.layers.ConfigService;
import io.tenancycore.config.layers.RevisionRecord;
import io.tenancycore.config.layers.RevisionState;
import io.tenancycore.config.support.ConfigProblems;
import io.tenancycore.config.support.ConfigServiceConfig;
import io.tenancycore.config.support.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a tenant's watcher sees: its own revisions and the platform's (a global or environment change changes its
 * view too), oldest first, narrowed to a key, a prefix or an environment, with the cursor to continue from.
 */
@ApplicationScoped
public class WatchService {

    private final ConfigService config;
    private final ChangeNotifier notifier;
    private final ConfigServiceConfig settings;

    public WatchService(ConfigService config, ChangeNotifier notifier, ConfigServiceConfig settings) {
        this.config = config;
        this.notifier = notifier;
        this.settings = settings;
    }

    /** Which changes a watcher wants: one key, or keys under a prefix, in one environment's view (null: any). */
    record Filter(String key, String prefix, String environment) {

        boolean keeps(HistoryEntry.KeyChange change) {
            if (key != null && !change.key().equals(key)) {
                return false;
            }
            if (prefix != null && !change.key().startsWith(prefix)) {
                return false;
            }
            if (environment == null) {
                return true;
            }
            String layer = change.layer();
            int at = layer.indexOf('@');
            return at < 0 || layer.substring(at + 1).equals(environment);
        }
    }

    /** One revision and the cursor just after it. */
    record Step(HistoryEntry entry, WatchCursor after) {
    }

    record Batch(List<Step> steps, WatchCursor cursor) {
    }

    /** Changes after {@code cursor}; answers at once when some match, else when one does or at {@code wait}. */
    Uni<Batch> await(String tenantId, WatchCursor cursor, Filter filter, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        ChangeNotifier.Waiter waiter = notifier.register(tenantId, RedisKeys.PLATFORM);
        return changesAfter(tenantId, cursor, filter).chain(batch -> {
            Duration left = Duration.between(Instant.now(), deadline);
            if (!batch.steps().isEmpty() || left.isNegative() || left.isZero()) {
                waiter.cancel();
                return Uni.createFrom().item(batch);
            }
            // changes the filter left out still move the cursor on
            return waiter.await(left).chain(woken -> woken == null ? changesAfter(tenantId, batch.cursor(), filter)
                    : await(tenantId, batch.cursor(), filter, Duration.between(Instant.now(), deadline)));
        }).onFailure().invoke(waiter::cancel);
    }

    /** Every kept change after {@code cursor}, oldest first; 410 when either sequence was compacted past it. */
    Uni<Batch> changesAfter(String tenantId, WatchCursor cursor, Filter filter) {
        return Uni.combine().all().unis(config.state(tenantId), config.state(RedisKeys.PLATFORM)).asTuple()
                .chain(states -> {
                    RevisionState tenant = states.getItem1();
                    RevisionState platform = states.getItem2();
                    long platformSince = cursor.platformRevision() == null ? platform.revision()
                            : cursor.platformRevision();
                    requireKept(cursor.revision(), tenant);
                    requireKept(platformSince, platform);
                    return Uni.combine().all().unis(config.revisionsAfter(tenantId, cursor.revision()),
                            config.revisionsAfter(RedisKeys.PLATFORM, platformSince)).asTuple()
                            .map(records -> steps(records.getItem1(), records.getItem2(),
                                    new WatchCursor(Math.max(cursor.revision(), tenant.revision()),
                                            Math.max(platformSince, platform.revision())),
                                    new WatchCursor(cursor.revision(), platformSince), filter));
                });
    }

    private Batch steps(List<RevisionRecord> tenant, List<RevisionRecord> platform, WatchCursor current,
            WatchCursor start, Filter filter) {
        record Scoped(RevisionRecord record, String scope) {
        }
        List<Scoped> all = new ArrayList<>();
        tenant.forEach(record -> all.add(new Scoped(record, HistoryEntry.TENANT)));
        platform.forEach(record -> all.add(new Scoped(record, HistoryEntry.PLATFORM)));
        all.sort(Comparator.comparing((Scoped s) -> instant(s.record().time())));
        long revision = start.revision();
        long platformRevision = start.platformRevision();
        List<Step> steps = new ArrayList<>();
        for (Scoped scoped : all) {
            if (HistoryEntry.TENANT.equals(scoped.scope())) {
                revision = Math.max(revision, scoped.record().revision());
            } else {
                platformRevision = Math.max(platformRevision, scoped.record().revision());
            }
            HistoryEntry entry = HistoryEntry.of(scoped.record(), settings.secretMask()).inScope(scoped.scope())
                    .only(filter::keeps);
            if (!entry.changes().isEmpty()) {
                steps.add(new Step(entry, new WatchCursor(revision, platformRevision)));
            }
        }
        WatchCursor end = new WatchCursor(Math.max(revision, current.revision()),
                Math.max(platformRevision, current.platformRevision()));
        return new Batch(steps, end);
    }

    private static void requireKept(long since, RevisionState state) {
        if (since < state.compactedUpTo()) {
            throw ConfigProblems.compacted(since, state.compactedUpTo());
        }
    }

    private static Instant instant(String time) {
        try {
            return Instant.parse(time);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
