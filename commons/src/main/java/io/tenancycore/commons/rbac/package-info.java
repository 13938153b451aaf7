/**
 * Permission checks backed by security-service's RBAC.
 *
 * <p>{@link io.tenancycore.commons.rbac.RbacPermissionProviderSelector} replaces commons' default
 * {@code ConfiguredPermissionProvider} and delegates by {@code tenancy.rbac.provider}:
 * <ul>
 * <li>{@code configured} (default): the same role → permission map for every tenant
 * ({@code tenancy.permissions.roles.*}); tests of services need nothing else.</li>
 * <li>{@code remote}: {@link io.tenancycore.commons.rbac.RemotePermissionProvider} reads a tenant's roles from
 * {@code GET <tenancy.security.url>/v1/tenants/{t}/roles} ({@code tenancy.security.url} defaults to
 * {@code quarkus.rest-client.security-service.url}, else {@code http://localhost:8082}) with the service's own
 * client-credentials token from {@link io.tenancycore.commons.configclient.ServiceTokens} (client id
 * {@code tenancy.service-client.id}, default {@code quarkus.application.name}; secret
 * {@code tenancy.service-client.secret}, env {@code TENANCY_SERVICE_CLIENT_SECRET}), under {@code @Timeout/@Retry/@CircuitBreaker}
 * ({@link io.tenancycore.commons.rbac.ResilientGrants}). Grants are kept in the tiered cache {@code rbac-grants}
 * ({@code tenancy.cache."rbac-grants".*}; keys {@code <app>:{tenant}:rbac-grants}) and dropped when
 * {@code io.tenancycore.security.roles.changed} arrives on {@code tenancy.security-changes} (a BROADCAST
 * subscription started at startup). Platform roles ({@code tenancy.rbac.platform-roles}, default
 * {@code platform-admin,service}) hold {@code *} without a lookup. A failed lookup is a 503, never a grant.</li>
 * </ul>
 * A service with its own provider (security-service) declares it {@code @Alternative @Priority}.
 */
package io.tenancycore.commons.rbac;
