package io.tenancycore.security.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Picks the test HTTP port before the application starts: the OIDC client that calls this service's own token
 * endpoint (as config-service would) resolves its token URL at startup, when a random port ({@code test-port=0})
 * is not known yet.
 */
public class FreeHttpPort implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Map.of("quarkus.http.test-port", Integer.toString(socket.getLocalPort()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
    }
}
