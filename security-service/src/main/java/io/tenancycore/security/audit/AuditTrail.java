package io.tenancycore.security.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Appends to, searches and verifies the per-tenant audit chains. Plain class: tests can run several writers. */
public class AuditTrail {

    static final int PAGE = 500;
    private static final int MAX_APPEND_ATTEMPTS = 20;

    private final AuditChainStore store;

    public AuditTrail(AuditChainStore store) {
        this.store = store;
    }

    /** What a stored entry is made of, before it is chained. */
    public record Fields(String eventId, String time, String actor, String tenantId, String action, String resource,
            String outcome, String sourceIp, String traceId, Map<String, Object> details) {
    }

    /** Appends once per event id; @return the entry's seq (the existing one for a redelivery) */
    public Uni<Long> append(String scope, Fields fields) {
        return append(scope, fields, 1);
    }

    private Uni<Long> append(String scope, Fields f, int attempt) {
        return store.head(scope).chain(head -> {
            AuditEntry entry = new AuditEntry(head.seq() + 1, f.eventId(), f.time(), f.actor(), f.tenantId(),
                    f.action(), f.resource(), f.outcome(), f.sourceIp(), f.traceId(), f.details(), head.hash(), null)
                    .sealed();
            return store.append(scope, entry, head.seq()).chain(result -> {
                if (result == 0 && attempt < MAX_APPEND_ATTEMPTS) {
                    return append(scope, f, attempt + 1);
                }
                if (result == 0) {
                    return Uni.createFrom().failure(new IllegalStateException("audit chain contended"));
                }
                if (result < 0) {
                    return store.ids(scope).map(ids -> Long.parseLong(ids.get(f.eventId())));
                }
                return Uni.createFrom().item(result);
            });
        });
    }

    public record Query(Instant from, Instant to, String actor, String action, String outcome, long afterSeq,
            int limit) {

        Predicate<AuditEntry> matcher() {
            return entry -> (actor == null || actor.equals(entry.actor()))
                    && (action == null || action.equals(entry.action()))
                    && (outcome == null || outcome.equals(entry.outcome()))
                    && (from == null || !Instant.parse(entry.time()).isBefore(from))
                    && (to == null || Instant.parse(entry.time()).isBefore(to));
        }
    }

    public record Page(@JsonProperty("entries") List<AuditEntry> entries,
            @JsonProperty("next_cursor") Long nextCursor) {
    }

    /** Oldest first; {@code nextCursor} is the seq to pass as {@code after} for the next page, null at the end. */
    public Uni<Page> search(String scope, Query query) {
        return store.length(scope).chain(length -> collect(scope, query, query.afterSeq() + 1, length,
                new ArrayList<>()));
    }

    private Uni<Page> collect(String scope, Query query, long from, long length, List<AuditEntry> found) {
        if (from > length) {
            return Uni.createFrom().item(new Page(found, null));
        }
        long to = Math.min(length, from + PAGE - 1);
        return store.range(scope, from, to).chain(entries -> {
            Predicate<AuditEntry> matcher = query.matcher();
            for (AuditEntry entry : entries) {
                if (matcher.test(entry)) {
                    found.add(entry);
                    if (found.size() == query.limit()) {
                        return Uni.createFrom().item(new Page(found, entry.seq() < length ? entry.seq() : null));
                    }
                }
            }
            return collect(scope, query, to + 1, length, found);
        });
    }

    public record Verification(@JsonProperty("valid") boolean valid, @JsonProperty("entries") long entries,
            @JsonProperty("first_broken_seq") Long firstBrokenSeq, @JsonProperty("reason") String reason,
            @JsonProperty("head_hash") String headHash) {
    }

    /** Recomputes every hash and link; names the first entry that does not fit. */
    public Uni<Verification> verify(String scope) {
        return store.head(scope).chain(head -> store.length(scope).chain(length -> verifyFrom(scope, 1, length,
                AuditEntry.GENESIS, head)));
    }

    private Uni<Verification> verifyFrom(String scope, long from, long length, String previousHash,
            AuditChainStore.Head head) {
        if (from > length) {
            if (head.seq() != length || !head.hash().equals(previousHash)) {
                return Uni.createFrom().item(new Verification(false, length, length,
                        "the chain head does not match the last entry (entries removed or appended outside the chain)",
                        head.hash()));
            }
            return Uni.createFrom().item(new Verification(true, length, null, null, head.hash()));
        }
        long to = Math.min(length, from + PAGE - 1);
        return store.range(scope, from, to).chain(entries -> {
            String prev = previousHash;
            long expectedSeq = from;
            for (AuditEntry entry : entries) {
                String reason = null;
                if (entry.seq() != expectedSeq) {
                    reason = "sequence number " + entry.seq() + " where " + expectedSeq + " was expected";
                } else if (!prev.equals(entry.prevHash())) {
                    reason = "prev_hash does not match the hash of the entry before";
                } else if (entry.hash() == null || !entry.hash().equals(entry.computeHash())) {
                    reason = "hash does not match the entry's content";
                }
                if (reason != null) {
                    return Uni.createFrom().item(new Verification(false, length, expectedSeq, reason, head.hash()));
                }
                prev = entry.hash();
                expectedSeq++;
            }
            return verifyFrom(scope, to + 1, length, prev, head);
        });
    }
}
