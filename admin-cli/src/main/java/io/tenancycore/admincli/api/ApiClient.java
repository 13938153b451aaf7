package io.tenancycore.admincli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenancycore.admincli.connect.ServiceTargets.ServiceEndpoint;
import io.tenancycore.admincli.shell.CliFailure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/**
 * The services' APIs for corectl's convenience commands: a client-credentials token from security-service, then JSON
 * calls through the gateway ({@code /api/{service}/v1/…}) or directly. Failures become one line: the problem's
 * status, title and detail (RFC 9457) or the token endpoint's RFC 6749 error. Tokens and secrets are never printed.
 */
public final class ApiClient {

    /** DESIGN's gateway names of the services and the modules behind them. */
    private static final Map<String, String> MODULES = Map.of("config", "config-service", "security",
            "security-service", "alerts", "alert-service", "templates", "template-service", "workflows",
            "workflow-service");

    private final ApiOptions options;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Duration timeout;
    private String token;

    public ApiClient(ApiOptions options, ObjectMapper json) {
        this.options = options;
        this.json = json;
        this.timeout = Duration.ofSeconds(options.timeoutSeconds);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** A fresh access token of the configured client. */
    public String token() {
        if (token != null) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id=" + encode(options.clientId) + "&client_secret="
                + encode(secret());
        HttpRequest request = HttpRequest.newBuilder(url("security", "/v1/auth/token")).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = send(request);
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200 || !body.path("access_token").isTextual()) {
            throw new CliFailure("token refused for client " + options.clientId + ": HTTP " + response.statusCode()
                    + " " + body.path("error").asText("") + " " + body.path("error_description").asText(""));
        }
        token = body.path("access_token").asText();
        return token;
    }

    public JsonNode get(String service, String path) {
        return call(HttpRequest.newBuilder(url(service, path)).GET(), service + " GET " + path);
    }

    /**
     * Every item of a paged list ({@code items} and {@code next_cursor}, the API convention), page by page;
     * {@code path} may already carry a query. Returns how many items there were.
     */
    public int forEachItem(String service, String path, int pageSize, java.util.function.Consumer<JsonNode> item) {
        String separator = path.contains("?") ? "&" : "?";
        String cursor = null;
        int count = 0;
        do {
            JsonNode page = get(service, path + separator + "limit=" + pageSize
                    + (cursor == null ? "" : "&cursor=" + encode(cursor)));
            for (JsonNode each : page.path("items")) {
                item.accept(each);
                count++;
            }
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        return count;
    }

    public JsonNode post(String service, String path, JsonNode body) {
        try {
            return call(HttpRequest.newBuilder(url(service, path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))), service + " POST " + path);
        } catch (IOException e) {
            throw new CliFailure("cannot encode the request body: " + e.getMessage());
        }
    }

    private JsonNode call(HttpRequest.Builder builder, String what) {
        HttpResponse<String> response = send(builder.timeout(timeout).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token()).build());
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new CliFailure(what + ": " + problem(response.statusCode(), body));
        }
        return body;
    }

    /** One line from an RFC 9457 problem: status, title, detail and each violation. */
    static String problem(int status, JsonNode body) {
        StringBuilder line = new StringBuilder("HTTP ").append(status);
        if (body.path("title").isTextual()) {
            line.append(' ').append(body.path("title").asText());
        }
        if (body.path("detail").isTextual()) {
            line.append(": ").append(body.path("detail").asText());
        }
        for (JsonNode violation : body.path("violations")) {
            line.append(" [").append(violation.path("field").asText()).append(": ")
                    .append(violation.path("message").asText()).append(']');
        }
        return line.toString().replaceAll("\\s+", " ");
    }

    private URI url(String service, String path) {
        String module = MODULES.get(service);
        String base = options.direct ? endpoint(module).url() : endpoint("event-gateway").url() + "/api/" + service;
        return URI.create(stripTrailingSlash(base) + path);
    }

    private ServiceEndpoint endpoint(String name) {
        return options.services.all().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliFailure("cannot reach " + request.uri().getScheme() + "://" + request.uri().getAuthority()
                    + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }

    private String secret() {
        if (options.clientSecretFile != null) {
            try {
                return Files.readString(options.clientSecretFile, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new CliFailure("cannot read the client secret file " + options.clientSecretFile);
            }
        }
        String fromEnv = System.getenv(ApiOptions.SECRET_ENV);
        if (fromEnv == null || fromEnv.isBlank()) {
            throw new CliFailure("no client secret: give --client-secret-file FILE or set " + ApiOptions.SECRET_ENV);
        }
        return fromEnv.trim();
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
