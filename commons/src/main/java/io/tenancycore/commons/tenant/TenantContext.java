package io.tenancycore.commons.tenant;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who is calling and for which tenant, for the duration of one request.
 * Filled by the request filter of this package from the verified JWT and the path's {@code {tenantId}};
 * read by permission checks, audit, metrics and logging.
 */
@RequestScoped
public class TenantContext {

    public static final String PLATFORM_ADMIN_ROLE = "platform-admin";
    public static final String SERVICE_ROLE = "service";

    private String tenantId;
    private String tokenTenantId;
    private String subject;
    private Set<String> roles = Set.of();
    private Set<String> scopes = Set.of();
    private String sourceIp;
    /** Resolved on first read: only audit records and refusals need the address (see {@link #sourceIp()}). */
    private Supplier<String> sourceIpResolver;
    private String traceId;

    /** The tenant the request acts on: the path's tenant when present, else the token's. */
    public Optional<String> tenantId() {
        return Optional.ofNullable(tenantId);
    }

    /** The {@code tenant_id} claim of the verified token, if any. */
    public Optional<String> tokenTenantId() {
        return Optional.ofNullable(tokenTenantId);
    }

    /** The token's {@code sub}; empty for anonymous requests. */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    public Set<String> roles() {
        return roles;
    }

    /**
     * The permissions a service identity's token was issued with (its {@code scope} claim): a service holds exactly
     * these, in any tenant, and nothing else (DESIGN.md: least privilege for service identities).
     */
    public Set<String> scopes() {
        return scopes;
    }

    /** A platform client (no {@code tenant_id}) with the {@code platform-admin} role: every permission everywhere. */
    public boolean isPlatformAdmin() {
        return tokenTenantId == null && roles.contains(PLATFORM_ADMIN_ROLE);
    }

    /** A platform client with the {@code service} role: another service of the platform calling with its own token. */
    public boolean isServiceIdentity() {
        return tokenTenantId == null && roles.contains(SERVICE_ROLE);
    }

    /** A client without {@code tenant_id}: platform-admin or a service. */
    public boolean isPlatformClient() {
        return isAuthenticated() && tokenTenantId == null;
    }

    public boolean isAuthenticated() {
        return subject != null;
    }

    public Optional<String> sourceIp() {
        if (sourceIpResolver != null) {
            sourceIp = sourceIpResolver.get();
            sourceIpResolver = null;
        }
        return Optional.ofNullable(sourceIp);
    }

    public Optional<String> traceId() {
        return Optional.ofNullable(traceId);
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    public void setTokenTenantId(String tokenTenantId) {
        this.tokenTenantId = tokenTenantId;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public void setRoles(Set<String> roles) {
        this.roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public void setScopes(Set<String> scopes) {
        this.scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    public void setSourceIp(String sourceIp) {
        this.sourceIp = sourceIp;
        this.sourceIpResolver = null;
    }

    /**
     * The source address, worked out only if something reads it: parsing forwarding headers on every request cost
     * about 1 % of a cached config read (JFR), and most reads never audit.
     */
    public void setSourceIp(Supplier<String> resolver) {
        this.sourceIp = null;
        this.sourceIpResolver = resolver;
    }

    public void setTraceId(String traceId) {
        this.traceId = traceId;
    }
}
