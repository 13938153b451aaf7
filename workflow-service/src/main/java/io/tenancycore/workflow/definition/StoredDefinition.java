package io.tenancycore.workflow.definition;

import io.tenancycore.commons.digest.Digests;

/**
 * A tenant's definition version as read from Redis, with the SHA-1 of the JSON stored there. Whoever caches a
 * definition checks this fingerprint against Redis ({@code redis.sha1hex} of the stored value, inside the script that
 * creates an instance) before running it: the version it cached may have been trimmed or deleted since (version
 * numbers themselves are never given twice, see {@link DefinitionStore}).
 */
public record StoredDefinition(Definition definition, String fingerprint) {

    static String fingerprint(String storedJson) {
        return Digests.sha1Hex(storedJson);
    }
}
