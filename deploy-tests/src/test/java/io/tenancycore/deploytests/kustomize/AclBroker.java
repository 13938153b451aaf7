package io.tenancycore.deploytests.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenancycore.deploytests.RepoPaths;
import io.tenancycore.deploytests.chart.Rendered;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Assumptions;

/**
 * A real single-node KRaft broker (the suite's Kafka jars, .data/kafka/lib) with SCRAM-SHA-512 and the
 * StandardAuthorizer that Strimzi's {@code authorization: simple} configures in KRaft, loaded with what the User and
 * Topic Operators would create from k8s/base: the topics, one SCRAM credential per KafkaUser and its ACLs. The
 * listener is SASL without TLS (TLS is Strimzi's listener setting; authentication and authorization are what this
 * checks).
 */
final class AclBroker implements AutoCloseable {

    static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = UUID.randomUUID().toString();

    private final Path dir;
    private final int port;
    private final Map<String, String> passwords = new HashMap<>();
    private Process broker;

    private AclBroker(Path dir) throws IOException {
        this.dir = dir;
        this.port = freePort();
    }

    static Path kafkaLib() {
        String suiteData = System.getenv("SUITE_DATA");
        Path data = suiteData == null || suiteData.isBlank() ? RepoPaths.root().resolve(".data") : Path.of(suiteData);
        Path lib = data.resolve("kafka/lib");
        boolean present = Files.isRegularFile(lib.resolve(".complete"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("no Kafka jars in " + lib + ": ./suite test copies them before the module "
                    + "tests (./suite infra does too)");
        }
        Assumptions.assumeTrue(present, "no Kafka jars in " + lib + " (run ./suite infra once)");
        return lib;
    }

    static AclBroker start(Path dir, Rendered platform) throws Exception {
        AclBroker broker = new AclBroker(dir);
        broker.launch(kafkaLib());
        broker.load(platform);
        return broker;
    }

    private void launch(Path lib) throws Exception {
        int controller = freePort();
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller", "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "listeners=SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=SASL_PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER", "inter.broker.listener.name=SASL_PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
                "sasl.enabled.mechanisms=SCRAM-SHA-512", "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=" + jaas(ADMIN, ADMIN_PASSWORD),
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                // the broker itself and the controller listener (no SASL on loopback) are the operator's, as in Strimzi
                "super.users=User:" + ADMIN + ";User:ANONYMOUS",
                "log.dirs=" + dir.resolve("data"), "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1", "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0", "auto.create.topics.enable=false", ""));
        String classpath = lib.resolve("*").toString();
        Path log4j = RepoPaths.root().resolve("infra/kafka/tools-log4j2.properties");
        Process format = new ProcessBuilder("java", "-Xmx256m", "-Dlog4j2.configurationFile=" + log4j, "-cp",
                classpath, "kafka.tools.StorageTool", "format", "-t", org.apache.kafka.common.Uuid.randomUuid().toString(), "-c",
                properties.toString(), "--add-scram",
                "SCRAM-SHA-512=[name=" + ADMIN + ",password=" + ADMIN_PASSWORD + "]")
                .redirectErrorStream(true).redirectOutput(dir.resolve("format.log").toFile()).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("formatting failed: " + Files.readString(dir.resolve("format.log")));
        }
        broker = new ProcessBuilder("java", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile="
                + log4j, "-cp", classpath, "kafka.Kafka", properties.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("broker.log").toFile()).start();
        try (Admin admin = admin(ADMIN)) {
            Exception last = null;
            for (int i = 0; i < 90; i++) {
                if (!broker.isAlive()) {
                    throw new IllegalStateException("the broker exited: " + Files.readString(dir.resolve(
                            "broker.log")));
                }
                try {
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    last = e;
                    Thread.sleep(500);
                }
            }
            throw new IllegalStateException("the broker did not answer in time", last);
        }
    }

    /** What Strimzi's operators would create from the rendered resources. */
    private void load(Rendered platform) throws Exception {
        try (Admin admin = admin(ADMIN)) {
            List<NewTopic> topics = new ArrayList<>();
            platform.ofKind("KafkaTopic").forEach(t -> topics.add(new NewTopic(t.path("spec").path("topicName")
                    .asText(), 1, (short) 1)));
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            List<UserScramCredentialUpsertion> users = new ArrayList<>();
            List<AclBinding> acls = new ArrayList<>();
            for (JsonNode user : platform.ofKind("KafkaUser")) {
                String name = Rendered.name(user);
                passwords.put(name, UUID.randomUUID().toString());
                users.add(new UserScramCredentialUpsertion(name, new ScramCredentialInfo(
                        ScramMechanism.SCRAM_SHA_512, 4096), passwords.get(name)));
                for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                    JsonNode resource = acl.path("resource");
                    ResourcePattern pattern = new ResourcePattern(
                            ResourceType.fromString(resource.path("type").asText().toUpperCase(Locale.ROOT)),
                            resource.path("name").asText(),
                            "prefix".equals(resource.path("patternType").asText()) ? PatternType.PREFIXED
                                    : PatternType.LITERAL);
                    for (JsonNode operation : acl.path("operations")) {
                        acls.add(new AclBinding(pattern, new AccessControlEntry("User:" + name, "*",
                                AclOperation.fromString(operation.asText()), AclPermissionType.ALLOW)));
                    }
                }
            }
            admin.alterUserScramCredentials(List.copyOf(users)).all().get(60, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
        }
    }

    /** Client settings of a user: SCRAM-SHA-512 over SASL. */
    Map<String, Object> client(String user) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user, ADMIN.equals(user) ? ADMIN_PASSWORD
                : passwords.get(user)));
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, user + "-acl-test");
        return config;
    }

    Admin admin(String user) {
        Map<String, Object> config = client(user);
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(config);
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        }
    }
}
