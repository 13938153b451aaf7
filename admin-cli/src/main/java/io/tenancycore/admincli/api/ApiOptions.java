package io.tenancycore.admincli.api;

import io.tenancycore.admincli.connect.ServiceTargets;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How corectl reaches the APIs: through the gateway (the public entry, default) or straight to each service
 * ({@code --direct}), as an OAuth2 client whose secret comes from a file or {@code CORECTL_CLIENT_SECRET} — never from
 * the command line, where other users' {@code ps} would see it.
 */
public class ApiOptions {

    static final String SECRET_ENV = "CORECTL_CLIENT_SECRET";

    @Mixin
    ServiceTargets services;

    @Option(names = "--client-id", paramLabel = "ID", description = "OAuth2 client (default ${DEFAULT-VALUE})")
    String clientId = "platform-admin";

    @Option(names = "--client-secret-file", paramLabel = "FILE",
            description = "file holding the client's secret (else env " + SECRET_ENV + ")")
    Path clientSecretFile;

    @Option(names = "--direct", description = "call the services directly instead of through the gateway")
    boolean direct;

    @Option(names = "--api-timeout", paramLabel = "SECONDS", description = "timeout of one API call (default ${DEFAULT-VALUE})")
    int timeoutSeconds = 30;
}
