package io.tenancycore.config.layers;

import io.tenancycore.config.support.Keys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.config.support.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LayersTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void higherLayersWinAndEachKeyKeepsItsProvenance() {
        JsonNode one = mapper.getNodeFactory().numberNode(1);
        JsonNode two = mapper.getNodeFactory().numberNode(2);
        EffectiveConfig view = EffectiveConfig.merge("acme", "prod", 3, 1, List.of(
                Map.entry("global", Map.of("a", StoredValue.plain(one), "b", StoredValue.plain(one))),
                Map.entry("environment@prod", Map.of("b", StoredValue.plain(two))),
                Map.entry("tenant@prod", Map.of("c", StoredValue.ciphertext("tc:v1:xyz")))));
        assertEquals("global", view.entries().get("a").layer());
        assertEquals(two, view.entries().get("b").value());
        assertEquals("environment@prod", view.entries().get("b").layer());
        assertTrue(view.entries().get("c").secret());
    }

    @Test
    void layersNameThemselvesAndBelongToTheirOwner() {
        assertEquals("tenant@prod", Layer.tenant("prod").id());
        assertEquals("tenant", Layer.tenant(null).id());
        assertEquals("config:{_platform}:layer:environment@dev", Layer.environment("dev").redisKey("acme"));
        assertEquals("config:{acme}:layer:tenant", Layer.tenant(null).redisKey("acme"));
        assertThrows(IllegalArgumentException.class, () -> new Layer(Layer.Kind.GLOBAL, "prod"));
    }

    @Test
    void keysAreDottedPaths() {
        assertEquals("database", Keys.namespace("database.pool.size"));
        assertEquals("solo", Keys.namespace("solo"));
        assertThrows(ProblemException.class, () -> Keys.requireValid("key", "a..b"));
        assertThrows(ProblemException.class, () -> Keys.requireValid("key", ".a"));
        assertThrows(ProblemException.class, () -> Keys.requireValid("key", "a".repeat(300)));
        assertEquals("a.b-c_d", Keys.requireValid("key", "a.b-c_d"));
    }

    @Test
    void ifMatchAcceptsQuotedWeakAndBareRevisions() {
        assertEquals(7L, Revisions.ifMatch("\"7\""));
        assertEquals(7L, Revisions.ifMatch("W/\"7\""));
        assertEquals(7L, Revisions.ifMatch("7"));
        assertNull(Revisions.ifMatch(null));
        assertThrows(ProblemException.class, () -> Revisions.ifMatch("\"abc\""));
    }

    @Test
    void flatKeysNestIntoADocument() throws Exception {
        assertEquals(mapper.readTree("{\"db\": {\"pool\": {\"size\": 5}, \"url\": \"x\"}}"), Json.nest(Map.of(
                "db.pool.size", mapper.readTree("5"), "db.url", mapper.readTree("\"x\""))));
    }

    @Test
    void coreYamlFlattensAndLeavesOutEnvironmentVariableValues() throws Exception {
        Map<String, StoredValue> flat = new TreeMap<>();
        EnvironmentDefaults.flatten("", new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree("""
                security:
                  encryption_key: ${ENCRYPTION_KEY:}
                  audit_enabled: true
                cache:
                  default_ttl: 600
                """), flat);
        assertEquals(Map.of("security.audit_enabled", StoredValue.plain(mapper.readTree("true")),
                "cache.default_ttl", StoredValue.plain(mapper.readTree("600"))), flat);
    }
}
