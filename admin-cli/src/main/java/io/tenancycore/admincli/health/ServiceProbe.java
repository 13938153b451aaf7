package io.tenancycore.admincli.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenancycore.admincli.connect.ServiceTargets.ServiceEndpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks a service's SmallRye Health endpoint on its management interface; any answer but HTTP 200 with status UP counts
 * as not up. The version (with --detailed) is the {@code info.version} of the service's OpenAPI document.
 */
class ServiceProbe {

    private static final String HEALTH_PATH = "/q/health";
    private static final String OPENAPI_PATH = "/q/openapi?format=json";
    private static final int HTTP_OK = 200;

    private final HttpClient client;
    private final Duration timeout;
    private final ObjectMapper json;

    ServiceProbe(Duration timeout, ObjectMapper json) {
        this.timeout = timeout;
        this.json = json;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    ComponentHealth check(ServiceEndpoint service, boolean detailed) {
        String target = stripTrailingSlash(service.managementUrl());
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = get(target + HEALTH_PATH);
            long latency = millisSince(started);
            JsonNode body = parse(response.body());
            String reported = body.path("status").isTextual() ? body.path("status").asText() : "UNKNOWN";
            boolean ok = response.statusCode() == HTTP_OK;
            // A 503 always means not ready, even if a proxy in between rewrote the body.
            String status = ok ? reported : (ComponentHealth.UP.equals(reported) ? ComponentHealth.DOWN : reported);
            String detail = ok ? null : "HTTP " + response.statusCode();
            return new ComponentHealth(service.name(), target, status, latency,
                    detailed ? version(target) : null, detail, detailed ? checks(body) : null);
        } catch (IOException | IllegalArgumentException e) {
            return new ComponentHealth(service.name(), target, ComponentHealth.UNREACHABLE, millisSince(started), null,
                    describe(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ComponentHealth(service.name(), target, ComponentHealth.UNREACHABLE, millisSince(started), null,
                    "interrupted", null);
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String version(String target) {
        try {
            HttpResponse<String> response = get(target + OPENAPI_PATH);
            JsonNode version = parse(response.body()).path("info").path("version");
            return response.statusCode() == HTTP_OK && version.isTextual() ? version.asText() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static List<ComponentHealth.Check> checks(JsonNode body) {
        List<ComponentHealth.Check> checks = new ArrayList<>();
        for (JsonNode check : body.path("checks")) {
            checks.add(new ComponentHealth.Check(check.path("name").asText("?"), check.path("status").asText("?")));
        }
        return checks;
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    private static String describe(Exception e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (e instanceof IllegalArgumentException) {
            return "invalid URL";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
