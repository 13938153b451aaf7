package io.tenancycore.config.layers;

/** Where a revision sequence stands: the current revision and the last one compacted away (0: none). */
public record RevisionState(long revision, long compactedUpTo) {
}
