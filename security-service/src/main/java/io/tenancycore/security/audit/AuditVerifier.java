package io.tenancycore.security.audit;

import io.smallrye.mutiny.Uni;
import io.tenancycore.security.audit.AuditTrail.Anchor;
import io.tenancycore.security.audit.AuditTrail.Verification;
import java.util.List;
import java.util.Map;

/**
 * Checks a chain: every entry of a window (sequence, link to the entry before, its own link recomputed with the key
 * it names, or its SHA-256 for the legacy prefix) and, on every call, the chain's end against the checkpoint and the
 * witness ({@link ChainEnd}) and, when given, the caller's anchor. A window's first entry is linked to the stored
 * entry before it, so windows checked one after the other cover the chain as one pass would.
 */
class AuditVerifier {

    /** The largest window one call checks; {@link #verifyAll} goes through the chain in windows of this size. */
    static final int MAX_WINDOW = 20_000;
    static final String LEGACY_NOTICE = "legacy chain: its entries have plain SHA-256 links that anyone with write "
            + "access to Redis could recompute; the next record appended keys and checkpoints it";

    private final AuditChainStore store;
    private final AuditKeys keys;

    AuditVerifier(AuditChainStore store, AuditKeys keys) {
        this.store = store;
        this.keys = keys;
    }

    private record Broken(long seq, String reason) {
    }

    /** Either the first broken entry of a page or the link of its last entry. */
    private record PageResult(Broken broken, String lastLink) {
    }

    Uni<Verification> verifyAll(String scope) {
        return verifyFrom(scope, 0);
    }

    private Uni<Verification> verifyFrom(String scope, long afterSeq) {
        return verify(scope, afterSeq, MAX_WINDOW, null).chain(result -> result.valid() && result.nextCursor() != null
                ? verifyFrom(scope, Long.parseLong(result.nextCursor()))
                : Uni.createFrom().item(fromStart(result)));
    }

    private static Verification fromStart(Verification v) {
        return new Verification(v.valid(), v.entries(), v.firstBrokenSeq(), v.reason(), v.headHash(), v.checkpoint(),
                v.legacyEntries(), 1, v.checkedToSeq(), v.nextCursor(), v.notice());
    }

    Uni<Verification> verify(String scope, long afterSeq, int limit, Anchor anchor) {
        return store.witness(scope).chain(witness -> store.state(scope)
                .chain(state -> ChainEnd.check(keys, scope, state, witness)))
                .chain(end -> {
                    long length = end.state().length();
                    long from = afterSeq + 1;
                    long to = Math.min(length, afterSeq + limit);
                    Uni<String> previous = from == 1 ? Uni.createFrom().item(AuditEntry.GENESIS)
                            : store.at(scope, from - 1).map(entry -> entry == null ? null : entry.hash());
                    Uni<Broken> window = previous.chain(link -> checkWindow(scope, from, to, link,
                            end.legacyThrough()));
                    return window.chain(broken -> checkAnchor(scope, anchor, length)
                            .map(anchorBroken -> answer(end, from, to, broken, anchorBroken)));
                });
    }

    private Uni<Broken> checkWindow(String scope, long from, long to, String previousLink, long legacyThrough) {
        if (from > to) {
            return Uni.createFrom().nullItem();
        }
        long pageTo = Math.min(to, from + AuditTrail.READ_PAGE - 1);
        return store.range(scope, from, pageTo)
                .chain(entries -> keys.findAll(AuditKeys.CHAIN, entries.stream().map(AuditEntry::keyId).toList())
                        .map(found -> checkPage(scope, entries, from, previousLink, legacyThrough, found)))
                .chain(page -> page.broken() != null ? Uni.createFrom().item(page.broken())
                        : checkWindow(scope, pageTo + 1, to, page.lastLink(), legacyThrough));
    }

    private static PageResult checkPage(String scope, List<AuditEntry> entries, long from, String previousLink,
            long legacyThrough, Map<String, byte[]> chainKeys) {
        String previous = previousLink;
        long expectedSeq = from;
        for (AuditEntry entry : entries) {
            String reason = problemOf(scope, entry, expectedSeq, previous, legacyThrough, chainKeys);
            if (reason != null) {
                return new PageResult(new Broken(expectedSeq, reason), null);
            }
            previous = entry.hash();
            expectedSeq++;
        }
        return new PageResult(null, previous);
    }

    private static String problemOf(String scope, AuditEntry entry, long expectedSeq, String previousLink,
            long legacyThrough, Map<String, byte[]> chainKeys) {
        if (!entry.readable()) {
            return "entry is not readable";
        }
        if (entry.seq() != expectedSeq) {
            return "sequence number " + entry.seq() + " where " + expectedSeq + " was expected";
        }
        if (previousLink == null || !previousLink.equals(entry.prevHash())) {
            return "prev_hash does not match the link of the entry before";
        }
        if (entry.keyed()) {
            byte[] key = chainKeys.get(entry.keyId());
            if (key == null) {
                return "keyed with unknown key " + entry.keyId()
                        + " (neither a known master key nor in the audit key archive)";
            }
            return AuditKeys.sameMac(AuditKeys.link(key, scope, entry), entry.hash()) ? null
                    : "link (HMAC) does not match the entry's content";
        }
        if (entry.seq() > legacyThrough) {
            return "unkeyed (legacy) entry where the chain is keyed: recomputed with plain SHA-256";
        }
        return entry.legacyHash().equals(entry.hash()) ? null : "hash does not match the entry's content";
    }

    private Uni<Broken> checkAnchor(String scope, Anchor anchor, long length) {
        if (anchor == null) {
            return Uni.createFrom().nullItem();
        }
        if (anchor.seq() > length) {
            return Uni.createFrom().item(new Broken(length + 1, "truncated: chain ends at seq " + length
                    + ", the anchor says " + anchor.seq()));
        }
        return store.at(scope, anchor.seq()).map(entry -> entry != null && entry.readable()
                && AuditKeys.sameMac(anchor.link(), entry.hash()) ? null
                        : new Broken(anchor.seq(), "entry " + anchor.seq() + " is not the one the anchor names "
                                + "(replaced, recomputed or rolled back)"));
    }

    private static Verification answer(ChainEnd end, long from, long to, Broken inWindow, Broken atAnchor) {
        long length = end.state().length();
        AuditEntry last = end.state().last();
        String headHash = last == null ? AuditEntry.GENESIS : last.hash();
        AuditCheckpoint checkpoint = end.state().checkpoint();
        AuditCheckpoint.View view = checkpoint == null ? null : checkpoint.view();
        long legacy = Math.min(end.legacyThrough(), length);
        long checkedTo = Math.max(to, from - 1);
        if (inWindow != null) {
            return new Verification(false, length, inWindow.seq(), inWindow.reason(), headHash, view, legacy, from,
                    checkedTo, null, null);
        }
        if (end.problem() != null) {
            return new Verification(false, length, end.firstBrokenSeq(), end.problem(), headHash, view, legacy, from,
                    checkedTo, null, null);
        }
        if (atAnchor != null) {
            return new Verification(false, length, atAnchor.seq(), atAnchor.reason(), headHash, view, legacy, from,
                    checkedTo, null, null);
        }
        String next = to < length ? Long.toString(to) : null;
        String notice = checkpoint == null && length > 0 ? LEGACY_NOTICE : null;
        return new Verification(true, length, null, null, headHash, view, legacy, from, checkedTo, next, notice);
    }
}
