package io.tenancycore.config.support;

import io.tenancycore.commons.digest.Digests;

/** Entity tags of resources without a revision counter (a tenant, a schema): a digest of their representation. */
public final class Hashes {

    private Hashes() {
    }

    public static String tag(String representation) {
        return Digests.sha256Hex(representation, 12);
    }
}
