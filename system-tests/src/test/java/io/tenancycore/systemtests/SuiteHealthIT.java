package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every service of the running suite is up, observable and self-describing on its management interface, and the API
 * port serves none of it (metrics carry tenant ids).
 */
class SuiteHealthIT {

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 10_000;

    static Stream<SuiteService> services() {
        return SuiteService.all().stream();
    }

    private static RequestSpecification at(SuiteService service) {
        return on(service.managementUrl());
    }

    private static RequestSpecification onApiPort(SuiteService service) {
        return on(service.baseUrl());
    }

    private static RequestSpecification on(String baseUrl) {
        // A service that is down must fail the test quickly, not hang it.
        RestAssuredConfig config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", CONNECT_TIMEOUT_MS)
                .setParam("http.socket.timeout", READ_TIMEOUT_MS));
        return given().config(config).baseUri(baseUrl);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void overallHealthIsUpAndEveryCheckIsUp(SuiteService service) {
        at(service).get("/q/health").then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("status", equalTo("UP"))
                .body("checks", notNullValue())
                .body("checks.status", everyItem(equalTo("UP")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void readinessIsUpAndChecksRedisAndKafka(SuiteService service) {
        at(service).get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Redis")))
                // Kafka through the messaging connector's check: every channel of the service, the producer included
                .body("checks.name", hasItem(containsString("Reactive Messaging")))
                .body("checks.find { it.name.contains('Reactive Messaging') }.data", hasKey("tenancy-events"))
                .body("checks.status", everyItem(equalTo("UP")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void livenessIsUpAndListsItsChecks(SuiteService service) {
        at(service).get("/q/health/live").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks", notNullValue())
                .body("checks.status", everyItem(equalTo("UP")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void metricsAreServedAsPrometheusText(SuiteService service) {
        at(service).accept("text/plain").get("/q/metrics").then()
                .statusCode(200)
                .contentType(startsWith("text/plain"))
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .body(containsString("process_uptime_seconds"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void openApiDescribesTheService(SuiteService service) {
        at(service).queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("openapi", matchesPattern("3\\.\\d+\\.\\d+"))
                .body("info.title", equalTo("Tenancy Core " + service.name() + " API"))
                .body("info.version", notNullValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theApiPortServesNoHealthMetricsOrOpenApi(SuiteService service) {
        for (String path : new String[] {"/q/health", "/q/metrics", "/q/openapi"}) {
            onApiPort(service).get(path).then().statusCode(404);
        }
    }
}
