package io.tenancycore.security.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Appends to, searches and verifies the per-tenant audit chains. Every append links the entry with the audit key
 * ({@link AuditKeys}), moves the MAC'd checkpoint with it and raises the witness. Plain class: tests can run several
 * writers, restart one, or rotate the master key between them.
 */
public class AuditTrail {

    static final int READ_PAGE = 500;
    /** Entries one search request looks at before it answers with what it found and a cursor to go on from. */
    static final int SEARCH_SCAN_BUDGET = 10_000;
    private static final int MAX_APPEND_ATTEMPTS = 20;
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    private final AuditChainStore store;
    private final AuditKeys keys;
    private final AuditVerifier verifier;
    private final Clock clock;

    public AuditTrail(AuditChainStore store, AuditKeys keys, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.verifier = new AuditVerifier(store, keys);
    }

    /** What a stored entry is made of, before it is bounded ({@link AuditRecordBounds}) and chained. */
    public record Fields(String eventId, String time, String actor, String tenantId, String action, String resource,
            String outcome, String reason, String sourceIp, String traceId, Map<String, Object> details,
            List<String> truncated) {
    }

    /**
     * Appends once per event id.
     *
     * @param scope a valid tenant id, or the platform's pseudo tenant
     * @return the entry's seq (the existing one for a redelivery)
     */
    public Uni<Long> append(String scope, Fields fields) {
        if (!AuditRecordBounds.isScope(scope)) {
            return Uni.createFrom().failure(new IllegalArgumentException("not an audit scope: " + scope));
        }
        Fields bounded = AuditRecordBounds.apply(fields);
        return keys.ensureArchived().chain(() -> append(scope, bounded, 1));
    }

    private Uni<Long> append(String scope, Fields f, int attempt) {
        // the witness first: it is raised after the checkpoint, so read in this order it never runs ahead of it
        return store.witness(scope).chain(witness -> store.state(scope)
                .chain(state -> ChainEnd.check(keys, scope, state, witness)))
                .chain(end -> {
                    AuditChainStore.Head head = end.state().head();
                    String keyId = keys.currentId();
                    byte[] chainKey = keys.current(AuditKeys.CHAIN);
                    AuditEntry unlinked = new AuditEntry(head.seq() + 1, f.eventId(), f.time(), f.actor(),
                            f.tenantId(), f.action(), f.resource(), f.outcome(), f.reason(), f.sourceIp(),
                            f.traceId(), f.details(), f.truncated(), keyId, head.hash(), null);
                    AuditEntry entry = unlinked.withHash(AuditKeys.link(chainKey, scope, unlinked));
                    AuditCheckpoint checkpoint = new AuditCheckpoint(entry.seq(), entry.hash(), keyId,
                            legacyThrough(end), clock.instant().toString(), alarm(scope, end, entry.seq()), null)
                            .sealed(chainKey, scope);
                    return store.append(scope, entry, head.seq(), checkpoint).chain(result -> {
                        if (result == 0 && attempt < MAX_APPEND_ATTEMPTS) {
                            return append(scope, f, attempt + 1);
                        }
                        if (result == 0) {
                            return Uni.createFrom().failure(new IllegalStateException("audit chain contended"));
                        }
                        if (result < 0) {
                            return store.ids(scope).map(ids -> Long.parseLong(ids.get(f.eventId())));
                        }
                        AuditWitness witness = AuditWitness.sealed(keys.current(AuditKeys.WITNESS), keyId, scope,
                                result);
                        return store.raiseWitness(scope, witness).replaceWith(result);
                    });
                });
    }

    /** Legacy entries stay allowed only as the prefix the chain had when it was first keyed. */
    private static long legacyThrough(ChainEnd end) {
        if (end.checkpointValid()) {
            return end.state().checkpoint().legacyThrough();
        }
        return end.state().checkpoint() == null && end.problem() == null ? end.state().head().seq() : 0;
    }

    /** Keeps the first alarm; raises one when this append finds the chain's end unsound. */
    private static String alarm(String scope, ChainEnd end, long seq) {
        if (end.checkpointValid() && end.state().checkpoint().alarm() != null) {
            return end.state().checkpoint().alarm();
        }
        if (end.problem() == null) {
            return null;
        }
        LOG.errorf("audit chain of %s tampered with: %s (found when appending seq %d)", scope, end.problem(), seq);
        return end.problem() + " (found when appending seq " + seq + ")";
    }

    /**
     * @param action an action ({@code config.update}), a dotted prefix ({@code config} or {@code config.}: every
     *        {@code config.*}), or any prefix ending in {@code *}
     * @param afterSeq the cursor: entries after this seq
     */
    public record Query(Instant from, Instant to, String actor, String action, String outcome, long afterSeq,
            int limit) {

        Predicate<AuditEntry> matcher() {
            return entry -> entry.readable()
                    && (actor == null || actor.equals(entry.actor()))
                    && actionMatches(action, entry.action())
                    && (outcome == null || outcome.equals(entry.outcome()))
                    && (from == null && to == null || withinTime(entry.time()));
        }

        private boolean withinTime(String time) {
            Instant at;
            try {
                at = Instant.parse(time);
            } catch (DateTimeParseException | NullPointerException e) {
                return false;
            }
            return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
        }
    }

    static boolean actionMatches(String filter, String action) {
        if (filter == null) {
            return true;
        }
        if (action == null) {
            return false;
        }
        if (filter.endsWith("*")) {
            return action.startsWith(filter.substring(0, filter.length() - 1));
        }
        if (filter.endsWith(".")) {
            return action.startsWith(filter);
        }
        return action.equals(filter) || action.startsWith(filter + ".");
    }

    /** A page of a search, as DESIGN's lists are: {@code next_cursor} null at the end. */
    public record Page(@JsonProperty("items") List<AuditEntry> items,
            @JsonProperty("next_cursor") @com.fasterxml.jackson.annotation.JsonInclude(
                    com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    /**
     * Oldest first. Answers when {@code limit} entries matched, the chain ended, or {@link #SEARCH_SCAN_BUDGET}
     * entries were looked at (then possibly with fewer items, even none, and a cursor to go on from).
     */
    public Uni<Page> search(String scope, Query query) {
        return store.length(scope).chain(length -> collect(scope, query, query.afterSeq() + 1, length,
                query.afterSeq() + SEARCH_SCAN_BUDGET, new ArrayList<>()));
    }

    private Uni<Page> collect(String scope, Query query, long from, long length, long scanUntil,
            List<AuditEntry> found) {
        if (from > length) {
            return Uni.createFrom().item(new Page(found, null));
        }
        if (from > scanUntil) {
            return Uni.createFrom().item(new Page(found, Long.toString(from - 1)));
        }
        long to = Math.min(Math.min(length, scanUntil), from + READ_PAGE - 1);
        return store.range(scope, from, to).chain(entries -> {
            Predicate<AuditEntry> matcher = query.matcher();
            long seq = from;
            for (AuditEntry entry : entries) {
                if (matcher.test(entry)) {
                    found.add(entry);
                    if (found.size() == query.limit()) {
                        return Uni.createFrom().item(new Page(found, seq < length ? Long.toString(seq) : null));
                    }
                }
                seq++;
            }
            return collect(scope, query, to + 1, length, scanUntil, found);
        });
    }

    /**
     * The answer of a verification.
     *
     * @param entries the chain's length
     * @param firstBrokenSeq the first entry found broken (or missing), when one can be named
     * @param headHash the last entry's link
     * @param checkpoint the stored checkpoint, null when the chain has none
     * @param legacyEntries how many leading entries are legacy ones (plain SHA-256, written before the chain was keyed)
     * @param checkedFromSeq first entry whose link this answer checked (the end of the chain is checked every time)
     * @param nextCursor where the next window starts ({@code ?cursor=}), null when the check reached the end
     * @param notice what a valid answer still leaves open (an unkeyed legacy chain)
     */
    public record Verification(@JsonProperty("valid") boolean valid, @JsonProperty("entries") long entries,
            @JsonProperty("first_broken_seq") Long firstBrokenSeq, @JsonProperty("reason") String reason,
            @JsonProperty("head_hash") String headHash,
            @JsonProperty("checkpoint") AuditCheckpoint.View checkpoint,
            @JsonProperty("legacy_entries") long legacyEntries,
            @JsonProperty("checked_from_seq") long checkedFromSeq, @JsonProperty("checked_to_seq") long checkedToSeq,
            @JsonProperty("next_cursor") String nextCursor, @JsonProperty("notice") String notice) {
    }

    /**
     * A checkpoint the caller kept from an earlier verification (its {@code checkpoint.seq} and {@code .link}): the
     * chain must still hold that very entry. Catches a rollback of the whole store to an older state.
     */
    public record Anchor(long seq, String link) {
    }

    /** Verifies the whole chain, window after window (compliance reports use it). */
    public Uni<Verification> verify(String scope) {
        return verifier.verifyAll(scope);
    }

    /** Verifies the entries after {@code afterSeq} (at most {@code limit}) and, every time, the chain's end. */
    public Uni<Verification> verify(String scope, long afterSeq, int limit, Anchor anchor) {
        return verifier.verify(scope, afterSeq, limit, anchor);
    }
}
