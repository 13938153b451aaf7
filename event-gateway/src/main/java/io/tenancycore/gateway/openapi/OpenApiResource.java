package io.tenancycore.gateway.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code GET /api/openapi}: the whole platform's API in one document (JSON, or YAML with {@code ?format=yaml}). */
@Path("/api/openapi")
public class OpenApiResource {

    static final String YAML = "application/yaml";
    private static final YAMLMapper YAML_MAPPER = new YAMLMapper();

    private final OpenApiAggregator aggregator;

    public OpenApiResource(OpenApiAggregator aggregator) {
        this.aggregator = aggregator;
    }

    @GET
    @Produces({"application/json", YAML})
    @Operation(summary = "The OpenAPI document of every service behind the gateway, paths under /api/{service}")
    @APIResponse(responseCode = "200", description = "The merged OpenAPI document",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT)),
                @Content(mediaType = YAML, schema = @Schema(type = SchemaType.STRING))})
    public Uni<Response> document(@QueryParam("format") String format) {
        return aggregator.document().map(document -> {
            if ("yaml".equalsIgnoreCase(format)) {
                try {
                    return Response.ok(YAML_MAPPER.writeValueAsString(document), YAML).build();
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return Response.ok(document, "application/json").build();
        });
    }
}
