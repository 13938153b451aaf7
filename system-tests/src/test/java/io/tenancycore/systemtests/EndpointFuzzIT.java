package io.tenancycore.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every operation of every service, as its OpenAPI document describes it, sent malformed, oversized and wrong-typed
 * input by a tenant admin of a real tenant: each answer is a refusal of bad input (or a 2xx where the body happens to
 * be valid) in RFC 9457 problem+json with a matching {@code status}, within {@link #ANSWER_WITHIN}; never a 5xx.
 * Afterwards every service is still ready.
 *
 * <p>Random cases come from jqwik arbitraries seeded per operation from {@code -Dfuzz.seed} (random when unset; a
 * failure names it) and there are {@code -Dfuzz.tries} of each random kind (default {@value #DEFAULT_TRIES}: the whole
 * run stays within a few minutes on a busy 2-core machine; raise it locally).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndpointFuzzIT {

    static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final int DEFAULT_TRIES = 3;
    private static final long SEED = Long.getLong("fuzz.seed", new Random().nextLong());
    private static final int TRIES = Integer.getInteger("fuzz.tries", DEFAULT_TRIES);
    private static final Set<Integer> REFUSALS = Set.of(400, 401, 403, 404, 405, 409, 413, 415, 422, 429);
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(ANSWER_WITHIN).build();

    private static String tenant;
    private static String tenantAdminToken;

    @BeforeAll
    static void registerTenant() {
        String admin = SuiteTokens.platformAdmin();
        tenant = "fuzz-" + Long.toHexString(new Random().nextLong() & 0xffffffL);
        SuiteTenants.register(admin, tenant);
        tenantAdminToken = SuiteTokens.newTenantClient(admin, tenant, "tenant-admin");
    }

    /** The OpenAPI documents are what the fuzzer covers: an operation missing from one would go unfuzzed. */
    @Order(1)
    @TestFactory
    Stream<DynamicTest> everyServedOperationIsInTheOpenApiDocument() {
        return CompiledOperations.MODULES.stream().map(module -> DynamicTest.dynamicTest(module, () -> {
            Set<String> described = new TreeSet<>();
            OpenApiOperations.of(SuiteService.named(module)).forEach(operation -> described.add(operation.toString()));
            Set<String> undescribed = new TreeSet<>();
            for (CompiledOperations.Operation operation : CompiledOperations.of(module)) {
                String key = operation.verb() + " " + operation.openApiPath();
                if (!described.contains(key)) {
                    undescribed.add(key + " (" + operation.id() + ")");
                }
            }
            assertEquals(Set.of(), undescribed, module + ": operations its OpenAPI document does not describe");
        }));
    }

    @Order(2)
    @TestFactory
    Stream<DynamicContainer> everyOperationRefusesBadInputWithAProblem() {
        return SuiteService.all().stream().map(service -> DynamicContainer.dynamicContainer(service.name(),
                OpenApiOperations.of(service).stream().map(operation -> DynamicTest.dynamicTest(
                        operation.toString(), () -> fuzz(operation)))));
    }

    @Order(3)
    @Test
    void everyServiceIsStillReadyAfterTheFuzzing() throws Exception {
        for (SuiteService service : SuiteService.all()) {
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(
                    URI.create(service.managementUrl() + "/q/health/ready")).timeout(ANSWER_WITHIN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), service + " is not ready after the fuzzing: " + ready.body());
        }
    }

    private static void fuzz(OpenApiOperations.ApiOperation operation) {
        long seed = SEED ^ operation.toString().hashCode();
        List<FuzzCases.FuzzCase> cases = FuzzCases.of(operation, new Random(seed), TRIES);
        List<String> failures = new ArrayList<>();
        for (FuzzCases.FuzzCase fuzzCase : cases) {
            String failure = check(operation, fuzzCase);
            if (failure != null) {
                failures.add("  " + fuzzCase.describe() + "\n    → " + failure);
            }
        }
        assertTrue(failures.isEmpty(), () -> operation + " on " + operation.service().name() + ": "
                + failures.size() + " of " + cases.size() + " bad requests answered wrongly (-Dfuzz.seed=" + SEED
                + ")\n" + String.join("\n", failures));
    }

    /** {@code null} when the answer is right, else what is wrong with it. */
    private static String check(OpenApiOperations.ApiOperation operation, FuzzCases.FuzzCase fuzzCase) {
        HttpResponse<byte[]> response;
        try {
            response = send(request(operation, fuzzCase));
        } catch (HttpTimeoutException e) {
            return "no answer within " + ANSWER_WITHIN.toSeconds() + " s";
        } catch (IOException e) {
            return "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        int status = response.statusCode();
        if (!fuzzCase.expected().isEmpty()) {
            if (!fuzzCase.expected().contains(status)) {
                return "status " + status + ", expected " + fuzzCase.expected() + ": " + shown(response);
            }
        } else if (status >= 200 && status < 300) {
            return null; // the body happened to be valid
        } else if (!REFUSALS.contains(status)) {
            return "status " + status + ": " + shown(response);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith(PROBLEM_JSON)) {
            return "status " + status + " with Content-Type '" + contentType + "', not " + PROBLEM_JSON + ": "
                    + shown(response);
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (problem.path("status").asInt() != status) {
                return "status " + status + " but the problem says " + problem.path("status") + ": " + shown(response);
            }
        } catch (IOException e) {
            return "status " + status + " with a problem body that is no JSON: " + shown(response);
        }
        return null;
    }

    /**
     * Sends the request; a 2xx body is not read (a stream endpoint that accepts the request never ends it), any
     * other body is read in full.
     */
    private static HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (java.io.InputStream in = response.body()) {
            body = response.statusCode() >= 200 && response.statusCode() < 300 ? new byte[0] : in.readAllBytes();
        }
        return new ReadResponse(response, body);
    }

    /** A response whose body was read (or, for a 2xx, skipped). */
    private record ReadResponse(HttpResponse<java.io.InputStream> streamed, byte[] body)
            implements HttpResponse<byte[]> {

        @Override
        public int statusCode() {
            return streamed.statusCode();
        }

        @Override
        public HttpRequest request() {
            return streamed.request();
        }

        @Override
        public java.util.Optional<HttpResponse<byte[]>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return streamed.headers();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return streamed.sslSession();
        }

        @Override
        public URI uri() {
            return streamed.uri();
        }

        @Override
        public HttpClient.Version version() {
            return streamed.version();
        }
    }

    private static HttpRequest request(OpenApiOperations.ApiOperation operation, FuzzCases.FuzzCase fuzzCase) {
        String url = operation.service().baseUrl() + path(operation)
                + (fuzzCase.query() == null ? "" : "?" + fuzzCase.query());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(ANSWER_WITHIN)
                .header("Authorization", "Bearer " + tenantAdminToken)
                // the watch endpoints stream server-sent events: refusing them for the Accept header would test nothing
                .header("Accept", "application/json, " + PROBLEM_JSON + ", text/event-stream");
        if (fuzzCase.contentType() != null) {
            request.header("Content-Type", fuzzCase.contentType());
        }
        HttpRequest.BodyPublisher body;
        if (fuzzCase.body() == null) {
            body = HttpRequest.BodyPublishers.noBody();
        } else if (fuzzCase.chunked()) {
            byte[] bytes = fuzzCase.body();
            body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
        } else {
            body = HttpRequest.BodyPublishers.ofByteArray(fuzzCase.body());
        }
        return request.method(operation.verb(), body).build();
    }

    /** The path with its parameters filled: the fuzz tenant, and plausible ids of things that do not exist. */
    private static String path(OpenApiOperations.ApiOperation operation) {
        String path = operation.path();
        for (Map.Entry<String, JsonNode> parameter : operation.pathParameters().entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", value(parameter.getKey(), parameter.getValue()));
        }
        return path;
    }

    private static String value(String name, JsonNode schema) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("tenantid")) {
            return tenant;
        }
        if (Set.of("integer", "number").contains(schema.path("type").asText()) || lower.contains("version")) {
            return "1";
        }
        if (lower.contains("locale")) {
            return "en";
        }
        if (lower.contains("env")) {
            return "dev";
        }
        return "fuzz-missing-" + lower.replaceAll("[^a-z0-9]", "");
    }

    private static String shown(HttpResponse<byte[]> response) {
        String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
