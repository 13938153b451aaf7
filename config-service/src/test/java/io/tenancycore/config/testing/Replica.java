package io.tenancycore.config.testing;

import io.tenancycore.commons.testsupport.ServiceProcess;
import java.nio.file.Path;
import java.util.Map;

/**
 * A second config-service replica ({@link ServiceProcess}) on the same Redis and Kafka as the {@code @QuarkusTest}
 * replica, calling the test's {@link FakeSecurityService}.
 */
public final class Replica implements AutoCloseable {

    private static Replica shared;
    private final ServiceProcess process;

    private Replica(ServiceProcess process) {
        this.process = process;
    }

    /** Started once per test JVM; stopped when the JVM exits. */
    public static synchronized Replica shared(String securityUrl) {
        if (shared == null) {
            shared = start(securityUrl, "config-it-b");
            Replica started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return shared;
    }

    /** A replica of its own (instance id {@code name}), freshly started; the caller closes it. */
    public static Replica fresh(String securityUrl, String name) {
        return start(securityUrl, name);
    }

    public String baseUrl() {
        return process.baseUrl();
    }

    private static Replica start(String securityUrl, String name) {
        return new Replica(ServiceProcess.start(name, Map.of(
                // like the in-process tests, replicas serve tenants the tests never register
                "tenancy.tenant-status.source", "none",
                "tenancy.config-dir", Path.of("src/test/resources/environments").toAbsolutePath().toString(),
                "quarkus.rest-client.security-service.url", securityUrl,
                "quarkus.oidc-client.credentials.client-secret.value", FakeSecurityService.CLIENT_SECRET)));
    }

    @Override
    public void close() {
        process.close();
    }
}
