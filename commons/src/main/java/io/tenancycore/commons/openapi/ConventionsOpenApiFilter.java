package io.tenancycore.commons.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Makes every service's OpenAPI document say what the shared code really answers: the problem+json errors that
 * commons raises on any operation (malformed input, missing token, refusals, quotas, limits) and the bearer token
 * every protected operation needs. An operation that declares {@code security: []} (the token endpoint, the JWKS)
 * is public and gets no 401/403. Operation-specific answers (201, 204, 304, 412) stay with each resource.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ConventionsOpenApiFilter implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String BEARER = "bearer";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Map<String, String> EVERY_OPERATION = Map.of(
            "400", "Malformed input: unparseable body, wrong type, bad query parameter",
            "404", "No such resource",
            "406", "None of the Accept header's media types can be produced",
            "415", "The body's Content-Type is not one this operation reads",
            "409", "The tenant is deleted, or the resource's state conflicts with the request",
            "413", "Body too large, or the tenant's storage quota is used up",
            "422", "Input breaks a rule; every violation is listed",
            "429", "Too many requests; see Retry-After",
            "500", "Unexpected failure; the detail carries a reference to the log",
            "503", "A dependency is temporarily unavailable; retry later");
    private static final Map<String, String> PROTECTED_OPERATION = Map.of(
            "401", "No or invalid bearer token",
            "403", "The token may not do this, or the tenant is suspended");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSchema(PROBLEM, problemSchema());
        if (components.getSecuritySchemes() == null || !components.getSecuritySchemes().containsKey(BEARER)) {
            components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                    .description("An access token from POST /v1/auth/token (client_credentials)"));
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(this::complete));
    }

    private void complete(Operation operation) {
        boolean isPublic = operation.getSecurity() != null && operation.getSecurity().isEmpty();
        if (operation.getSecurity() == null) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER));
        }
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses()
                : operation.getResponses();
        operation.setResponses(responses);
        // an error a resource declares without a body is a problem like every other error
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.matches("[45]\\d\\d") && (response.getContent() == null
                    || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(problemContent());
            }
        });
        EVERY_OPERATION.forEach((status, description) -> addProblem(responses, status, description));
        if (!isPublic) {
            PROTECTED_OPERATION.forEach((status, description) -> addProblem(responses, status, description));
        }
    }

    private static void addProblem(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(problemContent()));
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(PROBLEM_JSON, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM)));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema violation = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", text).addProperty("message", text).addProperty("code", text)
                .required(List.of("field", "code"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; type is urn:tenancycore:problem:<service>:<name>")
                .addProperty("type", text).addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", text).addProperty("instance", text)
                .addProperty("violations", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(violation))
                .required(List.of("type", "title", "status"));
    }
}
