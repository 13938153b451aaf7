package io.tenancycore.admincli.migrate;

import io.tenancycore.admincli.connect.RedisSession;

/**
 * One change of a stored data layout, applied once per Redis database. The runner SCANs the keys that match
 * {@link #match()} in batches and hands each one to {@link #migrate}; progress is recorded after every batch, so an
 * interrupted run resumes where it stopped. {@link #migrate} must be idempotent for one key and should leave the key
 * no longer matching (e.g. move it to the new layout), so work done before an interruption is not done again.
 * Implementations are CDI beans; ids sort in the order migrations run.
 */
public interface Migration {

    /** Unique, stable, sortable: {@code <service>-<NNNN>-<what>}. Recorded in Redis once applied. */
    String id();

    /** The service whose layout this changes. */
    String service();

    String description();

    /** The Redis glob of the keys in the old layout. */
    String match();

    /** Moves one key to the new layout; a key already moved (or gone) is left alone. */
    void migrate(RedisSession redis, byte[] key);
}
