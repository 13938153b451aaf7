package io.tenancycore.alert.alert;

import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.support.TenantWrites;

/**
 * Told of every alert that was created, re-fired, updated by a repeated post, resolved or acknowledged; notification
 * grouping and escalation implement it. A listener adds its Redis writes to {@code writes}, which are stored with the
 * alert in one script: the alert and what follows from it are stored together or not at all (the sender retries), so
 * nothing is silently lost.
 */
public interface AlertListener {

    Uni<Void> changed(String tenantId, Alert alert, String change, TenantWrites writes);
}
