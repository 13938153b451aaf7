package io.tenancycore.admincli.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.tenancycore.admincli.support.Infra;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corectl init} against the real broker, each test under its own topic prefix: every declared topic created
 * with its partitions and configs, a second run changes nothing, drift in configs is repaired, and what cannot be
 * repaired safely is reported.
 */
@QuarkusMainTest
class InitIT {

    private static Admin admin;
    private static final List<String> PREFIXES = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.kafkaBootstrapServers());
        admin = Admin.create(properties);
    }

    @AfterAll
    static void deleteTestTopicsAndDisconnect() throws Exception {
        List<String> ours = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(name -> PREFIXES.stream().anyMatch(name::startsWith)).toList();
        if (!ours.isEmpty()) {
            admin.deleteTopics(ours).all().get(30, TimeUnit.SECONDS);
        }
        admin.close();
    }

    private static String newPrefix() {
        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        PREFIXES.add(prefix);
        return prefix;
    }

    private static LaunchResult init(QuarkusMainLauncher launcher, String prefix, String env, String... extra) {
        List<String> args = new ArrayList<>(List.of("init", "--env", env, "--kafka-bootstrap-servers",
                Infra.kafkaBootstrapServers(), "--topic-prefix", prefix));
        args.addAll(List.of(extra));
        return launcher.launch(args.toArray(String[]::new));
    }

    /** Partitions, replicas and every topic-level config set on each topic of the prefix. */
    private static Map<String, String> state(String prefix) throws Exception {
        List<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(name -> name.startsWith(prefix)).sorted().toList();
        Map<String, String> state = new TreeMap<>();
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        for (String name : names) {
            TopicDescription description = descriptions.get(name);
            Map<String, String> set = new TreeMap<>();
            for (ConfigEntry entry : configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).entries()) {
                if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                    set.put(entry.name(), entry.value());
                }
            }
            state.put(name, "partitions=" + description.partitions().size() + " replicas="
                    + description.partitions().get(0).replicas().size() + " " + set);
        }
        return state;
    }

    /** The state once the broker's metadata lists all {@code expected} topics (listing lags creation a little). */
    private static Map<String, String> settledState(String prefix, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, String> state = state(prefix);
        while (state.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            state = state(prefix);
        }
        return state;
    }

    @Test
    void initCreatesEveryDeclaredTopicAndASecondRunChangesNothing(QuarkusMainLauncher launcher) throws Exception {
        String prefix = newPrefix();
        List<TopicSpec> declared = TopicCatalog.forEnvironment(Environment.dev);

        LaunchResult first = init(launcher, prefix, "dev");

        assertEquals(0, first.exitCode(), first.getErrorOutput());
        Map<String, String> afterFirst = settledState(prefix, declared.size());
        assertEquals(declared.size(), afterFirst.size(), afterFirst.toString());
        assertTrue(declared.size() >= 10, "DESIGN has at least ten topics: " + declared);
        for (TopicSpec topic : declared) {
            String actual = afterFirst.get(prefix + topic.name());
            assertEquals("partitions=" + topic.partitions() + " replicas=1 " + new TreeMap<>(topic.configs()), actual,
                    topic.name());
        }
        assertTrue(afterFirst.get(prefix + "tenancy.events.dlq").contains("retention.ms=2592000000"));
        assertTrue(first.getOutput().contains(declared.size() + " created or updated, 0 unchanged"), first.getOutput());

        LaunchResult second = init(launcher, prefix, "dev");

        assertEquals(0, second.exitCode(), second.getErrorOutput());
        assertTrue(second.getOutput().contains("0 created or updated, " + declared.size() + " unchanged"),
                second.getOutput());
        assertEquals(afterFirst, state(prefix));
    }

    private static void awaitRetention(ConfigResource topic, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
            ConfigEntry retention = config.get("retention.ms");
            if (retention != null && expected.equals(retention.value())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("retention.ms of " + topic.name() + " never became " + expected + ": "
                        + (retention == null ? null : retention.value()));
            }
            Thread.sleep(100);
        }
    }

    @Test
    void configDriftIsRepairedAndPartitionsAreOnlyReported(QuarkusMainLauncher launcher) throws Exception {
        String prefix = newPrefix();
        String events = prefix + "tenancy.events.high";
        admin.createTopics(List.of(new NewTopic(events, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        assertEquals(0, init(launcher, prefix, "dev").exitCode());
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, events);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
        // the broker applies a config change asynchronously: init must see the drift, not the value before it
        awaitRetention(resource, "1000");

        LaunchResult result = init(launcher, prefix, "dev");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getOutput().matches("(?s).*updated\\s+" + events.replace(".", "\\.")
                + "\\s+.*retention\\.ms 1000 -> 604800000.*"), result.getOutput());
        assertTrue(result.getOutput().contains("has 2 partitions, 12 declared (not changed"), result.getOutput());
        String state = state(prefix).get(events);
        assertTrue(state.startsWith("partitions=2 ") && state.contains("retention.ms=604800000"), state);
    }

    @Test
    void prodOnASingleBrokerIsRefusedBeforeCreatingAnything(QuarkusMainLauncher launcher) throws Exception {
        String prefix = newPrefix();

        LaunchResult result = init(launcher, prefix, "prod");

        assertEquals(1, result.exitCode());
        assertTrue(result.getErrorOutput().contains("needs 3 replicas; use --env dev on a single broker"),
                result.getErrorOutput());
        assertTrue(state(prefix).isEmpty());
    }

    @Test
    void theAdminSecretIsGeneratedAndPrintedOnlyOnce(QuarkusMainLauncher launcher) throws Exception {
        String prefix = newPrefix();
        Path secretFile = dir.resolve("TENANCY_ADMIN_SECRET");

        LaunchResult first = init(launcher, prefix, "dev", "--admin-secret-file", secretFile.toString());

        assertEquals(0, first.exitCode(), first.getErrorOutput());
        String secret = Files.readString(secretFile, StandardCharsets.US_ASCII);
        assertTrue(secret.length() >= 43, "256 random bits");
        assertTrue(first.getOutput().contains(secret), first.getOutput());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));

        LaunchResult second = init(launcher, prefix, "dev", "--admin-secret-file", secretFile.toString());

        assertEquals(0, second.exitCode(), second.getErrorOutput());
        assertFalse(second.getOutput().contains(secret), second.getOutput());
        assertFalse(second.getErrorOutput().contains(secret));
        assertTrue(second.getOutput().contains("already in " + secretFile + " (not shown)"), second.getOutput());
        assertEquals(secret, Files.readString(secretFile, StandardCharsets.US_ASCII));
    }
}
