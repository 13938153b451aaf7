package io.tenancycore.security.audit;

import io.smallrye.mutiny.Uni;
import io.tenancycore.security.audit.AuditChainStore.State;
import java.util.Optional;

/**
 * What the end of a chain says about it: whether the checkpoint verifies and matches the last entry, and whether the
 * witness agrees. Appends use it to raise the checkpoint's alarm (so the next checkpoint cannot launder a truncation),
 * verification to report it.
 *
 * @param problem what is wrong, in words; null when the end is sound
 * @param firstBrokenSeq the first entry the problem concerns, when one can be named
 * @param checkpointValid the checkpoint exists and its MAC verifies
 * @param legacyThrough how many leading entries may be legacy (unkeyed) ones
 */
record ChainEnd(State state, String problem, Long firstBrokenSeq, boolean checkpointValid, long legacyThrough) {

    static Uni<ChainEnd> check(AuditKeys keys, String scope, State state, AuditWitness witness) {
        AuditCheckpoint checkpoint = state.checkpoint();
        Uni<Optional<byte[]>> checkpointKey = checkpoint == null ? Uni.createFrom().item(Optional.empty())
                : keys.find(AuditKeys.CHAIN, checkpoint.keyId());
        Uni<Optional<byte[]>> witnessKey = witness == null ? Uni.createFrom().item(Optional.empty())
                : keys.find(AuditKeys.WITNESS, witness.keyId());
        return Uni.combine().all().unis(checkpointKey, witnessKey).with((cpKey, wKey) -> evaluate(state,
                checkpoint != null && checkpoint.verifies(cpKey.orElse(null), scope), witness,
                witness != null && witness.verifies(wKey.orElse(null), scope)));
    }

    private static ChainEnd evaluate(State state, boolean checkpointValid, AuditWitness witness,
            boolean witnessValid) {
        AuditCheckpoint checkpoint = state.checkpoint();
        long length = state.length();
        AuditEntry last = state.last();
        boolean headMatches = state.head().seq() == length
                && (last == null ? AuditEntry.GENESIS.equals(state.head().hash())
                        : last.readable() && state.head().hash().equals(last.hash()));
        if (checkpoint == null) {
            if (witness != null) {
                long seen = witnessValid ? witness.seq() : -1;
                return broken(state, "checkpoint missing: the witness says the chain reached seq " + seen, null);
            }
            if (last != null && (!last.readable() || last.keyed())) {
                return broken(state, "checkpoint missing although the chain holds keyed entries", null);
            }
            if (!headMatches) {
                return broken(state, "the chain head does not match the last entry (entries removed or appended "
                        + "outside the chain)", length);
            }
            // a chain written before checkpoints existed: sound as far as plain SHA-256 links can tell
            return new ChainEnd(state, null, null, false, length);
        }
        if (!checkpointValid) {
            return broken(state, "checkpoint does not verify (forged, corrupt, or keyed with unknown key "
                    + checkpoint.keyId() + ")", null);
        }
        long legacy = checkpoint.legacyThrough();
        if (checkpoint.alarm() != null) {
            return new ChainEnd(state, "tampering found while appending: " + checkpoint.alarm(), null, true, legacy);
        }
        if (length < checkpoint.seq()) {
            return new ChainEnd(state, "truncated: chain ends at seq " + length + ", checkpoint says "
                    + checkpoint.seq(), length + 1, true, legacy);
        }
        if (length > checkpoint.seq()) {
            return new ChainEnd(state, "entries beyond the checkpoint: chain ends at seq " + length
                    + ", checkpoint says " + checkpoint.seq(), checkpoint.seq() + 1, true, legacy);
        }
        if (length > 0 && (!last.readable() || !checkpoint.link().equals(last.hash()))) {
            return new ChainEnd(state, "the last entry is not the one the checkpoint names (replaced or recomputed)",
                    length, true, legacy);
        }
        if (witness != null && !witnessValid) {
            return new ChainEnd(state, "witness does not verify (forged or corrupt)", null, true, legacy);
        }
        if (witness != null && witness.seq() > checkpoint.seq()) {
            return new ChainEnd(state, "checkpoint rolled back: checkpoint says seq " + checkpoint.seq()
                    + ", witness says seq " + witness.seq(), checkpoint.seq() + 1, true, legacy);
        }
        if (!headMatches) {
            return new ChainEnd(state, "the chain head does not match the last entry", length, true, legacy);
        }
        return new ChainEnd(state, null, null, true, legacy);
    }

    private static ChainEnd broken(State state, String problem, Long firstBrokenSeq) {
        return new ChainEnd(state, problem, firstBrokenSeq, false, 0);
    }
}
