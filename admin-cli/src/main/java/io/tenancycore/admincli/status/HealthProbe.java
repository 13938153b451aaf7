package io.tenancycore.admincli.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a service's SmallRye Health endpoint; any answer but HTTP 200 with status UP counts as not up. */
public class HealthProbe {

    static final String HEALTH_PATH = "/q/health";
    private static final int HTTP_OK = 200;

    private final HttpClient client;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    public HealthProbe(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public ServiceHealth check(String service, String baseUrl) {
        URI uri;
        try {
            uri = URI.create(stripTrailingSlash(baseUrl) + HEALTH_PATH);
        } catch (IllegalArgumentException e) {
            return new ServiceHealth(service, baseUrl, ServiceHealth.UNREACHABLE, "invalid URL: " + e.getMessage());
        }
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String status = healthStatus(response.body());
            String detail = response.statusCode() == HTTP_OK ? "" : "HTTP " + response.statusCode();
            return new ServiceHealth(service, baseUrl, response.statusCode() == HTTP_OK ? status : notUp(status),
                    detail);
        } catch (IOException e) {
            return new ServiceHealth(service, baseUrl, ServiceHealth.UNREACHABLE, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ServiceHealth(service, baseUrl, ServiceHealth.UNREACHABLE, "interrupted");
        }
    }

    private String healthStatus(String body) {
        try {
            JsonNode status = json.readTree(body).path("status");
            return status.isTextual() ? status.asText() : "UNKNOWN";
        } catch (IOException e) {
            return "UNKNOWN";
        }
    }

    // A 503 always means not ready, even if a proxy in between rewrote the body.
    private static String notUp(String status) {
        return ServiceHealth.UP.equals(status) ? "DOWN" : status;
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
