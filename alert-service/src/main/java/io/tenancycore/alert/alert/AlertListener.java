package io.tenancycore.alert.alert;

import io.smallrye.mutiny.Uni;

/**
 * Told of every alert that was created, re-fired, resolved or acknowledged, after it is stored; notification grouping
 * and escalation implement it. A failure here fails the ingest (the sender retries), so nothing is silently lost.
 */
public interface AlertListener {

    Uni<Void> changed(String tenantId, Alert alert, String change);
}
