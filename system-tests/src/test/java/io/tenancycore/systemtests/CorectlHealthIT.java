package io.tenancycore.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The operator's view of the running suite: {@code ./corectl health --json} exits 0 and reports all six services,
 * Kafka and Redis UP.
 */
class CorectlHealthIT {

    @Test
    void corectlHealthReportsEverythingUp() throws IOException {
        List<String> args = new ArrayList<>(List.of("health", "--json", "--detailed", "--kafka-bootstrap-servers",
                Corectl.kafka(), "--redis-url", Corectl.redisUrl()));
        args.addAll(Corectl.serviceOptions());

        Corectl.Result result = Corectl.run(args);

        assertEquals(0, result.exitCode(), result.out() + result.err());
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertEquals("UP", report.path("status").asText(), result.out());
        Set<String> up = new TreeSet<>();
        for (JsonNode component : report.path("components")) {
            assertEquals("UP", component.path("status").asText(), component.toString());
            up.add(component.path("name").asText());
            if (!Set.of("kafka", "redis").contains(component.path("name").asText())) {
                assertTrue(component.path("checks").size() > 0, "--detailed lists each service's checks: " + component);
            }
        }
        Set<String> expected = new TreeSet<>(List.of("kafka", "redis"));
        SuiteService.all().forEach(service -> expected.add(service.name()));
        assertEquals(expected, up);
    }
}
