package io.tenancycore.deploytests.chart;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * values.schema.json refuses bad values before anything renders: each file under src/test/resources/bad-values
 * (one mistake each, over the base values) fails {@code helm template} with a schema error, and
 * {@code helm lint --strict} of the chart with it fails too.
 */
class ValuesSchemaTest {

    static Stream<Path> badValues() throws IOException, URISyntaxException {
        Path folder = Path.of(ValuesSchemaTest.class.getResource("/bad-values").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void templateRefusesValuesTheSchemaForbids(Path values) {
        Exception refused = assertThrows(Exception.class, () -> ChartRenderer.renderWith(values));
        assertTrue(refused.getMessage().contains("values don't meet the specifications of the schema"),
                values.getFileName() + " was refused for another reason: " + refused.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void lintStrictRefusesThem(Path values, @TempDir Path work) {
        LintResult result = ChartRenderer.lintStrict(values, work);
        assertTrue(result.isFailed(), values.getFileName() + " passed helm lint --strict: " + result.getMessages());
    }

    @Test
    void theBadFilesAreThere() throws Exception {
        List<Path> files = badValues().toList();
        assertFalse(files.size() < 9, "bad-values files: " + files);
    }

    @Test
    void aMissingEnvironmentFolderFailsTheRender() {
        // the schema admits only dev/staging/prod; this guards the template's own check if the enum ever grows
        Exception refused = assertThrows(Exception.class,
                () -> ChartRenderer.render("tc", null, java.util.Map.of("environment", "test")));
        assertTrue(refused.getMessage().contains("environment"), refused.getMessage());
    }
}
