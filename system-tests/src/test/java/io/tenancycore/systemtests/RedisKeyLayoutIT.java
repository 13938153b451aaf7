package io.tenancycore.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN's Redis key layout, checked on the running suite's own data: a tenant registered and provisioned through the
 * services leaves keys in several services, every one of them {@code <service>:{<tenant>}:…}, and every key of the
 * whole database carries a hash tag, so each multi-key step of a service stays in one slot of a Redis Cluster. The
 * keys are read with {@code corectl backup}, which in cluster mode ({@code REDIS_MODE=cluster ./suite test}) scans
 * every master: the tenant's keys are found wherever the cluster put them.
 */
class RedisKeyLayoutIT {

    /** {@code <service>:{<tag>}:<rest>}: the tag is a tenant id or {@code _platform}. */
    private static final Pattern LAYOUT = Pattern.compile("^[a-z][a-z-]*:\\{[^{}]+\\}:.+$", Pattern.DOTALL);
    /**
     * Keys outside the layout, each used alone by single-key commands only (no slot constraint): config-service's
     * tenant index, a sorted set every tenant id is read from in order.
     */
    private static final Set<String> SINGLE_KEY_EXCEPTIONS = Set.of("config:tenants");

    @TempDir
    Path dir;

    @Test
    void aProvisionedTenantsKeysAndEveryOtherKeyFollowTheHashTaggedLayout() throws IOException {
        String tenant = "layout-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        SuiteTenants.register(SuiteTokens.platformAdmin(), tenant);

        Path archive = dir.resolve("suite.tar.gz");
        Corectl.Result backup = Corectl.run(List.of("backup", "--redis-url", Corectl.redisUrl(), "--output",
                archive.toString()));
        assertEquals(0, backup.exitCode(), backup.err());

        List<String> keys = keysOf(archive);
        Set<String> tenantServices = new TreeSet<>();
        List<String> outside = new ArrayList<>();
        for (String key : keys) {
            if (key.contains("{" + tenant + "}")) {
                tenantServices.add(key.substring(0, key.indexOf(':')));
                assertTrue(key.matches("^[a-z]+:\\{" + tenant + "\\}:.+$"), "tenant key outside the layout: " + key);
            }
            if (!LAYOUT.matcher(key).matches() && !SINGLE_KEY_EXCEPTIONS.contains(key)) {
                outside.add(key);
            }
        }
        assertTrue(tenantServices.containsAll(Set.of("config", "security")),
                "provisioning left the tenant's keys in config- and security-service: " + tenantServices);
        assertEquals(List.of(), outside, "keys without DESIGN's <service>:{<tag>}: prefix");
    }

    /** The key names of a corectl backup archive ({@code keys.jsonl}: one JSON object per key, name in base64). */
    private static List<String> keysOf(Path archive) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> keys = new ArrayList<>();
        try (var tar = new TarEntries(new GZIPInputStream(Files.newInputStream(archive)))) {
            byte[] jsonl = tar.entry("keys.jsonl");
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                    new java.io.ByteArrayInputStream(jsonl), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    JsonNode record = json.readTree(line);
                    keys.add(new String(Base64.getDecoder().decode(record.path("key").asText()),
                            StandardCharsets.UTF_8));
                }
            }
        }
        return keys;
    }

    /** The few lines of ustar reading this test needs: regular entries, names up to 100 bytes. */
    private static final class TarEntries implements AutoCloseable {
        private final java.io.InputStream in;

        TarEntries(java.io.InputStream in) {
            this.in = in;
        }

        byte[] entry(String wanted) throws IOException {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = new String(header, 0, 100, StandardCharsets.US_ASCII).replace("\0", "").trim();
                long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "")
                        .trim(), 8);
                byte[] content = in.readNBytes((int) size);
                in.readNBytes((int) ((512 - size % 512) % 512));
                if (name.equals(wanted) || name.endsWith("/" + wanted)) {
                    return content;
                }
            }
            throw new AssertionError("no " + wanted + " in the archive");
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
