package io.tenancycore.config.watch;

import io.tenancycore.config.support.ConfigProblems;

/**
 * Where a watch stands in the two revision sequences a tenant's view depends on: the tenant's own and the
 * platform's (global and environment layers). On the wire {@code "12.4"} — the same form as a view's ETag, so a
 * client reads the configuration, then watches from its ETag; also each server-sent event's {@code id:}, which
 * {@code Last-Event-ID} resumes from. A bare {@code "12"} watches the platform from now on.
 *
 * @param platformRevision {@code null}: from the platform's current revision
 */
record WatchCursor(long revision, Long platformRevision) {

    static WatchCursor parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim().replace("\"", "");
        int dot = text.indexOf('.');
        try {
            long revision = Long.parseLong(dot < 0 ? text : text.substring(0, dot));
            Long platform = dot < 0 ? null : Long.parseLong(text.substring(dot + 1));
            if (revision < 0 || (platform != null && platform < 0)) {
                throw new NumberFormatException();
            }
            return new WatchCursor(revision, platform);
        } catch (NumberFormatException e) {
            throw ConfigProblems.invalidInput(field, field + " must be the revision last seen (12) or a view's "
                    + "ETag / an event's id (12.4)");
        }
    }

    @Override
    public String toString() {
        return revision + "." + (platformRevision == null ? 0 : platformRevision);
    }
}
