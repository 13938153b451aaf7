package io.tenancycore.deploytests.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tenancycore.deploytests.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The container images as far as they can be checked without a container engine: non-root users, settings by
 * environment only in the native image, a build context that holds the packaged applications and nothing else, and
 * every classpath resource a service reads at run time listed for its native executable.
 */
class ImagesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.native"})
    void imagesRunAsANumericNonRootUser(String dockerfile) throws IOException {
        List<String> users = lines(RepoPaths.root().resolve("deploy/docker").resolve(dockerfile)).stream()
                .filter(l -> l.startsWith("USER ")).toList();
        assertFalse(users.isEmpty(), dockerfile + " sets no USER");
        String last = users.get(users.size() - 1).substring("USER ".length()).strip();
        assertTrue(last.matches("[1-9][0-9]*"), dockerfile + " ends as user " + last);
    }

    @Test
    void theNativeImageTakesItsSettingsFromTheEnvironment() throws IOException {
        String entrypoint = lines(RepoPaths.root().resolve("deploy/docker/Dockerfile.native")).stream()
                .filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        assertFalse(entrypoint.contains("-D"), "system properties in " + entrypoint);
    }

    @Test
    void theBuildContextHoldsOnlyPackagedApplications() throws IOException {
        List<String> rules = lines(RepoPaths.root().resolve(".dockerignore"));
        assertEquals("**", rules.get(0), "everything is excluded first");
        Set<String> included = new TreeSet<>();
        for (String rule : rules.subList(1, rules.size())) {
            assertTrue(rule.startsWith("!"), "after the catch-all only exceptions belong here: " + rule);
            included.add(rule.substring(1));
        }
        assertEquals(Set.of("*/target/quarkus-app/**", "*/target/*-runner"), included);
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-gateway", "config-service", "security-service", "alert-service",
            "template-service", "workflow-service"})
    void everyRuntimeResourceIsListedForTheNativeExecutable(String service) throws IOException {
        Path resources = RepoPaths.root().resolve(service).resolve("src/main/resources");
        Set<String> directories = new TreeSet<>();
        try (Stream<Path> children = Files.list(resources)) {
            children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    // META-INF (services, beans.xml) is read at build time; Quarkus carries it itself
                    .filter(name -> !name.equals("META-INF")).forEach(directories::add);
        }
        JsonNode includes = YAML.readTree(resources.resolve("application.yaml").toFile())
                .path("quarkus").path("native").path("resources").path("includes");
        Set<String> listed = new TreeSet<>(Arrays.stream(includes.asText("").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList());
        for (String directory : directories) {
            assertTrue(listed.contains(directory + "/**"), service + " reads " + directory + "/ at run time but "
                    + "quarkus.native.resources.includes lists only " + listed);
        }
    }
}
