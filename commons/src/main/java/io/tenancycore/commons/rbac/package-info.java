/**
 * Permission checks backed by security-service's RBAC.
 *
 * <p>{@link io.tenancycore.commons.rbac.RbacPermissionProviderSelector} replaces commons' default
 * {@code ConfiguredPermissionProvider} and delegates by {@code tenancy.rbac.provider}:
 * <ul>
 * <li>{@code configured} (default): the same role → permission map for every tenant
 * ({@code tenancy.permissions.roles.*}); tests of services need nothing else.</li>
 * <li>{@code remote}: {@link io.tenancycore.commons.rbac.RemotePermissionProvider} reads a tenant's
 * {@link io.tenancycore.commons.rbac.RbacView} (roles, and each subject's current roles) from
 * {@code GET <quarkus.rest-client.security-service.url>/v1/tenants/{t}/rbac} (env
 * {@code TENANCY_SECURITY_SERVICE_URL}, default {@code http://localhost:8082}) with the service's own
 * client-credentials token, which the default OIDC client obtains and refreshes ({@code quarkus.oidc-client.*}:
 * client id {@code quarkus.application.name}, secret from env {@code TENANCY_SERVICE_CLIENT_SECRET}) and
 * {@code @OidcClientFilter} attaches, under {@code @Timeout/@Retry/@CircuitBreaker}
 * ({@link io.tenancycore.commons.rbac.ResilientGrants}). Views are kept in the tiered cache {@code rbac-grants}
 * ({@code tenancy.cache."rbac-grants".*}; keys {@code <app>:{tenant}:rbac-view}) and dropped when a roles or client
 * change of the tenant arrives on {@code tenancy.security-changes} (every replica's own consumer group). A tenant
 * caller's permissions are those of its subject's roles in the view, not of its token's {@code groups}, so bindings
 * added or removed count for live tokens. Platform roles ({@code tenancy.rbac.platform-roles}, default
 * {@code platform-admin,service}) hold {@code *} without a lookup. A failed lookup is a 503, never a grant.</li>
 * </ul>
 * A service with its own provider (security-service) declares it {@code @Alternative @Priority}; its caches follow
 * the same events by implementing {@link io.tenancycore.commons.rbac.SecurityChangeObserver}.
 */
package io.tenancycore.commons.rbac;
