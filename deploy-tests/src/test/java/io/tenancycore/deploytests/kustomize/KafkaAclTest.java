package io.tenancycore.deploytests.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenancycore.deploytests.RepoPaths;
import io.tenancycore.deploytests.chart.Rendered;
import io.tenancycore.deploytests.kustomize.KafkaAcls.Grant;
import io.tenancycore.deploytests.kustomize.ServiceChannels.Channel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * k8s/base/kafka-users.yaml against DESIGN.md's topic table (kafka-topic-access.yaml) and against the channels the
 * services really configure: each KafkaUser holds exactly the grants its row of the table gives, and every topic a
 * service consumes, every group id it consumes with, every topic it writes through a channel or a dead-letter
 * strategy is permitted to it.
 */
class KafkaAclTest {

    static final TopicAccess ACCESS = TopicAccess.load();

    static Set<Grant> grantsOf(String environment, String service) {
        return KafkaAcls.grants(Overlays.render(environment).get("KafkaUser", service));
    }

    @Test
    void theEncodedTableHasEveryTopicOfDesignsTable() throws IOException {
        // DESIGN.md lives in the project's shared folder beside the repository, not in it
        Path designFile = RepoPaths.root().getParent().resolve("shared/DESIGN.md");
        Assumptions.assumeTrue(Files.isRegularFile(designFile), "no " + designFile + " to compare with");
        String design = Files.readString(designFile);
        Set<String> inDesign = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(tenancy\\.[^`]+)`").matcher(design);
        while (row.find()) {
            for (String topic : row.group(1).split("` / `")) {
                inDesign.add(topic);
            }
        }
        // DESIGN writes the three priorities as `tenancy.events.high` / `.normal` / `.low`
        Matcher priorities = Pattern.compile("`(tenancy\\.events)\\.high` / `\\.normal` / `\\.low`").matcher(design);
        if (priorities.find()) {
            inDesign.addAll(List.of("tenancy.events.normal", "tenancy.events.low"));
        }
        Set<String> encoded = new TreeSet<>();
        ACCESS.topics().values().stream().filter(TopicAccess.Topic::design).forEach(t -> encoded.add(t.name()));
        assertEquals(inDesign, encoded, "kafka-topic-access.yaml has drifted from DESIGN.md's topic table");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void everyServiceHasAScramUserWithExactlyItsGrants(String environment) {
        Rendered rendered = Overlays.render(environment);
        Set<String> users = new TreeSet<>();
        rendered.ofKind("KafkaUser").forEach(u -> users.add(Rendered.name(u)));
        assertEquals(new TreeSet<>(ACCESS.services()), users);
        for (String service : ACCESS.services()) {
            JsonNode user = rendered.get("KafkaUser", service);
            assertEquals("scram-sha-512", user.path("spec").path("authentication").path("type").asText(), service);
            assertEquals("tenancy", user.path("metadata").path("labels").path("strimzi.io/cluster").asText(), service);
            assertEquals(List.of(), unexpected(ACCESS.expectedGrants(service), KafkaAcls.grants(user)), service);
        }
    }

    @Test
    void onlySecurityServiceReadsTheAuditTopicAndEveryServiceWritesIt() {
        for (String service : ACCESS.services()) {
            Set<Grant> grants = grantsOf("base", service);
            assertEquals("security-service".equals(service),
                    KafkaAcls.permits(grants, "topic", "tenancy.audit", "Read"), service + " reading tenancy.audit");
            assertTrue(KafkaAcls.permits(grants, "topic", "tenancy.audit", "Write"), service + " writing the audit");
            assertTrue(KafkaAcls.permits(grants, "topic", "tenancy.alert-signals", "Write"), service);
            assertFalse(KafkaAcls.permits(grants, "topic", "tenancy.unknown", "Create"), service + " creates topics");
            assertFalse(KafkaAcls.permits(grants, "cluster", "kafka-cluster", "Alter"), service);
        }
    }

    @Test
    void everyChannelTheServicesConfigureIsPermitted() {
        int consumers = 0;
        for (String service : ACCESS.services()) {
            Set<Grant> grants = grantsOf("base", service);
            for (Channel channel : ServiceChannels.of(service)) {
                String where = service + " channel " + channel.name();
                for (String topic : channel.topics()) {
                    String operation = channel.incoming() ? "Read" : "Write";
                    assertTrue(KafkaAcls.permits(grants, "topic", topic, operation), where + ": " + operation + " "
                            + topic);
                    assertTrue(KafkaAcls.permits(grants, "topic", topic, "Describe"), where + ": Describe " + topic);
                }
                if (channel.incoming()) {
                    consumers++;
                    assertTrue(channel.groupId() != null, where + " consumes without a group id");
                    assertTrue(KafkaAcls.permits(grants, "group", channel.groupId(), "Read"),
                            where + ": group " + channel.groupId());
                }
                if (channel.deadLetterTopic() != null) {
                    assertTrue(KafkaAcls.permits(grants, "topic", channel.deadLetterTopic(), "Write"),
                            where + ": dead letters to " + channel.deadLetterTopic());
                }
            }
        }
        // commons' three every-replica consumers in each of six services, plus the services' own
        assertTrue(consumers > 18, "found only " + consumers + " consumer channels");
    }

    @Test
    void perReplicaAndWorkGroupsOfTheCodeAreBothCovered() {
        List<String> groups = new ArrayList<>();
        ServiceChannels.of("security-service").stream().filter(Channel::incoming).forEach(c -> groups.add(
                c.groupId()));
        assertTrue(groups.contains("security-service.audit-store"), groups.toString());
        assertTrue(groups.contains("security-service-" + ServiceChannels.REPLICA + ".signing-keys"), groups.toString());
    }

    // --- failure paths: the checks catch what a wrong manifest would do ---

    @Test
    void anExtraReadOfTheAuditTopicIsReported() {
        ObjectNode user = Overlays.render("base").get("KafkaUser", "config-service").deepCopy();
        ((ArrayNode) user.with("spec").with("authorization").withArray("acls")).addObject()
                .<ObjectNode>set("resource", user.objectNode().put("type", "topic").put("name", "tenancy.audit")
                        .put("patternType", "literal"))
                .putArray("operations").add("Read");
        List<String> problems = unexpected(ACCESS.expectedGrants("config-service"), KafkaAcls.grants(user));
        assertEquals(List.of("extra: Grant[resourceType=topic, name=tenancy.audit, patternType=literal, "
                + "operation=Read]"), problems);
    }

    @Test
    void aMissingWriteAndAPrefixTooWideAreReported() {
        ObjectNode user = Overlays.render("base").get("KafkaUser", "security-service").deepCopy();
        ArrayNode acls = (ArrayNode) user.with("spec").with("authorization").withArray("acls");
        for (JsonNode acl : acls) {
            if ("tenancy.audit.dlq".equals(acl.path("resource").path("name").asText())) {
                ((ObjectNode) acl).putArray("operations").add("Describe");
            }
            if ("security-service.".equals(acl.path("resource").path("name").asText())) {
                ((ObjectNode) acl.path("resource")).put("name", "security");
            }
        }
        Set<Grant> grants = KafkaAcls.grants(user);
        assertFalse(KafkaAcls.permits(grants, "topic", "tenancy.audit.dlq", "Write"));
        assertTrue(KafkaAcls.permits(grants, "group", "security-probe.anything", "Read"), "the wide prefix");
        assertEquals(3, unexpected(ACCESS.expectedGrants("security-service"), grants).size());
    }

    @Test
    void aGroupOutsideTheServicesPrefixesIsRefused() {
        Set<Grant> grants = grantsOf("base", "alert-service");
        assertTrue(KafkaAcls.permits(grants, "group", "alert-service.alert-signals", "Read"));
        assertFalse(KafkaAcls.permits(grants, "group", "alert-signals", "Read"));
        assertFalse(KafkaAcls.permits(grants, "group", "config-service.alert-signals", "Read"));
    }

    /** Grants missing from or extra to the expected set, readable. */
    static List<String> unexpected(Set<Grant> expected, Set<Grant> actual) {
        List<String> out = new ArrayList<>();
        Set<Grant> missing = new LinkedHashSet<>(expected);
        missing.removeAll(actual);
        Set<Grant> extra = new LinkedHashSet<>(actual);
        extra.removeAll(expected);
        missing.forEach(g -> out.add("missing: " + g));
        extra.forEach(g -> out.add("extra: " + g));
        return out;
    }
}
