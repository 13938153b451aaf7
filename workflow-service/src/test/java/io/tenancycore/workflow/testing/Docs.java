package io.tenancycore.workflow.testing;

import java.util.UUID;

/** Small workflow documents and tenants for the tests. */
public final class Docs {

    /** rest-assured's configuration that sends YAML bodies as text. */
    public static io.restassured.config.RestAssuredConfig yamlAware() {
        return io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                .encodeContentTypeAs("application/yaml", io.restassured.http.ContentType.TEXT));
    }

    private Docs() {
    }

    public static String tenant() {
        return "wf" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A YAML document of the given name with the given task list (already indented as items of {@code do}). */
    public static String yaml(String name, String tasks) {
        return """
                document:
                  dsl: '1.0.0'
                  namespace: test
                  name: %s
                  version: '1.0.0'
                do:
                %s""".formatted(name, tasks.indent(2).stripTrailing() + "\n");
    }

    public static String hello(String name, String greeting) {
        return yaml(name, """
                - greet:
                    set:
                      greeting: %s
                      who: ${ .who }
                """.formatted(greeting));
    }
}
