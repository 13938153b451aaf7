package io.tenancycore.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The operations a running service describes in its OpenAPI document ({@code /q/openapi} on its management
 * interface), with what a caller may send: path and query parameters and the request body's media types and schema
 * ({@code $ref}s resolved against the document's components).
 */
final class OpenApiOperations {

    private static final Set<String> VERBS = Set.of("get", "post", "put", "delete", "patch");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiOperations() {
    }

    /** One operation of {@code service}; {@code body} is empty when the operation takes none. */
    record ApiOperation(SuiteService service, String verb, String path, Map<String, JsonNode> pathParameters,
            Map<String, JsonNode> queryParameters, List<String> bodyMediaTypes, JsonNode bodySchema,
            Schemas schemas) {

        boolean takesBody() {
            return !bodyMediaTypes.isEmpty();
        }

        boolean takesJson() {
            return bodyMediaTypes.stream().anyMatch(type -> type.contains("json"));
        }

        @Override
        public String toString() {
            return verb + " " + path;
        }
    }

    /** The document's {@code components.schemas}, to follow {@code $ref}s with. */
    record Schemas(JsonNode components) {

        JsonNode resolve(JsonNode schema) {
            JsonNode current = schema == null ? MissingNode.getInstance() : schema;
            for (int hops = 0; hops < 16 && current.has("$ref"); hops++) {
                String ref = current.get("$ref").asText();
                current = components.path(ref.substring(ref.lastIndexOf('/') + 1));
            }
            return current;
        }
    }

    static List<ApiOperation> of(SuiteService service) {
        JsonNode document = document(service);
        Schemas schemas = new Schemas(document.path("components").path("schemas"));
        List<ApiOperation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<JsonNode> shared = list(path.getValue().path("parameters"));
            for (Iterator<Map.Entry<String, JsonNode>> verbs = path.getValue().fields(); verbs.hasNext();) {
                Map.Entry<String, JsonNode> verb = verbs.next();
                if (VERBS.contains(verb.getKey())) {
                    operations.add(operation(service, verb.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                            verb.getValue(), shared, schemas));
                }
            }
        }
        return operations;
    }

    private static ApiOperation operation(SuiteService service, String verb, String path, JsonNode operation,
            List<JsonNode> shared, Schemas schemas) {
        Map<String, JsonNode> pathParameters = new LinkedHashMap<>();
        Map<String, JsonNode> queryParameters = new LinkedHashMap<>();
        List<JsonNode> parameters = new ArrayList<>(shared);
        parameters.addAll(list(operation.path("parameters")));
        for (JsonNode parameter : parameters) {
            JsonNode resolved = schemas.resolve(parameter);
            String in = resolved.path("in").asText();
            if ("path".equals(in)) {
                pathParameters.put(resolved.path("name").asText(), schemas.resolve(resolved.path("schema")));
            } else if ("query".equals(in)) {
                queryParameters.put(resolved.path("name").asText(), schemas.resolve(resolved.path("schema")));
            }
        }
        JsonNode content = operation.path("requestBody").path("content");
        List<String> mediaTypes = new ArrayList<>();
        content.fieldNames().forEachRemaining(mediaTypes::add);
        JsonNode bodySchema = mediaTypes.stream().filter(type -> type.contains("json")).findFirst()
                .map(type -> schemas.resolve(content.path(type).path("schema")))
                .orElse(MissingNode.getInstance());
        return new ApiOperation(service, verb, path, pathParameters, queryParameters, List.copyOf(mediaTypes),
                bodySchema, schemas);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static JsonNode document(SuiteService service) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(service.managementUrl() + "/q/openapi?format=json"))
                    .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(service + " serves no OpenAPI document: " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI document of " + service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
