package io.tenancycore.gateway.edge;

/**
 * Who sends a request through the edge, once checked.
 *
 * @param tokenTenant the token's {@code tenant_id}; {@code null} for platform clients, whose requests no tenant's
 *                    quota pays for
 */
public record Caller(String subject, String tokenTenant) {
}
