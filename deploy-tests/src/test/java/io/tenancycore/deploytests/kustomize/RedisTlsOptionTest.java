package io.tenancycore.deploytests.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prod's Redis (k8s/components/redis-tls) run for real with a certificate made here by openssl in the shape of the
 * Secret redis-tls (tls.crt, tls.key, ca.crt): TLS only, the probes speak TLS, the password still required.
 */
class RedisTlsOptionTest {

    static final String PASSWORD = "tls-test-password";

    @TempDir
    static Path dir;
    static LocalRedis redis;

    @BeforeAll
    static void startProdsRedis() throws Exception {
        LocalRedis.requireRedis();
        boolean openssl = Files.isExecutable(Path.of("/usr/bin/openssl"));
        if (!openssl && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("openssl is missing");
        }
        Assumptions.assumeTrue(openssl, "no openssl to make a certificate");
        redis = new LocalRedis("prod", dir);
        Path tls = dir.resolve("tls");
        openssl(tls, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "1", "-subj", "/CN=tenancy-test-ca");
        openssl(tls, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "tls.key", "-out", "tls.csr", "-subj",
                "/CN=redis.tenancy-core-prod.svc");
        openssl(tls, "x509", "-req", "-in", "tls.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "tls.crt", "-days", "1");
        redis.startReady(PASSWORD, "16mb");
    }

    @AfterAll
    static void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.close();
        }
    }

    static void openssl(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), "openssl " + command);
    }

    @Test
    void theProbesPassOverTls() throws Exception {
        assertEquals(0, redis.probe("ready", PASSWORD));
        assertEquals(0, redis.probe("live", PASSWORD));
    }

    @Test
    void plainTcpIsRefused() throws Exception {
        String reply = redis.cli(false, PASSWORD, "ping");
        assertNotEquals("PONG", reply);
    }

    @Test
    void overTlsThePasswordIsStillRequired() throws Exception {
        assertTrue(redis.cli(null, "get", "k").contains("NOAUTH"));
        assertEquals("OK", redis.cli(PASSWORD, "set", "template-service:{acme}:k", "v"));
        assertEquals("v", redis.cli(PASSWORD, "get", "template-service:{acme}:k"));
    }
}
