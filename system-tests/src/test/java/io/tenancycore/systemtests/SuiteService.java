package io.tenancycore.systemtests;

import java.util.List;

/**
 * A service of the running suite. Its API base URL comes from the system property {@code tenancy.<name>.url} and its
 * management interface (health, metrics, OpenAPI) from {@code tenancy.<name>.management-url} (both set by
 * {@code ./suite test}), so the same tests can target any deployment.
 */
public record SuiteService(String name, String baseUrl, String managementUrl) {

    private static final String LOCALHOST = "http://localhost:";
    private static final int REPLICA_PORT_STEP = 50;

    public static List<SuiteService> all() {
        return List.of(
                of("event-gateway", 8080),
                of("config-service", 8081),
                of("security-service", 8082),
                of("alert-service", 8083),
                of("template-service", 8084),
                of("workflow-service", 8085));
    }

    public static SuiteService named(String name) {
        return all().stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /**
     * The second replica of a service, which {@code ./suite replica start <service>} runs on the service's ports + 50
     * ({@code tenancy.<name>-2.url}, set by the suite like the others).
     */
    public SuiteService secondReplica() {
        int defaultPort = java.net.URI.create(baseUrl).getPort() + REPLICA_PORT_STEP;
        return of(name + "-2", defaultPort);
    }

    private static SuiteService of(String name, int defaultPort) {
        return new SuiteService(name, System.getProperty("tenancy." + name + ".url", LOCALHOST + defaultPort),
                System.getProperty("tenancy." + name + ".management-url", LOCALHOST + (defaultPort + 1000)));
    }

    /** A read of a tenant's own data on a built service; a tenant admin holds its permission. */
    public record TenantRead(SuiteService service, String path) {
    }

    /** One tenant-scoped read per built service ({@code {t}}: the tenant). */
    public static List<TenantRead> tenantReads() {
        return List.of(
                new TenantRead(named("config-service"), "/v1/tenants/{t}/config"),
                new TenantRead(named("security-service"), "/v1/tenants/{t}/keys"),
                new TenantRead(named("template-service"), "/v1/tenants/{t}/templates"),
                new TenantRead(named("alert-service"), "/v1/tenants/{t}/alerts"),
                new TenantRead(named("workflow-service"), "/v1/tenants/{t}/workflows/instances"));
    }

    @Override
    public String toString() {
        return name + " (" + baseUrl + ")";
    }
}
