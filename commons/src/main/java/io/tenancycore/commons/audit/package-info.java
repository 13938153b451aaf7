/**
 * The audit trail: {@link io.tenancycore.commons.audit.AuditLog} publishes
 * {@link io.tenancycore.commons.audit.AuditRecord}s as {@code io.tenancycore.audit.recorded} CloudEvents to
 * {@code tenancy.audit}; {@link io.tenancycore.commons.audit.Audited} records mutations; refused cross-tenant
 * access is recorded as {@code denied}. Switch: {@code tenancy.audit.enabled} (default: core.yaml
 * {@code security.audit_enabled}, else true).
 */
package io.tenancycore.commons.audit;
