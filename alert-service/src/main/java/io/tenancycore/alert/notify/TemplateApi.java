package io.tenancycore.alert.notify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * template-service's render endpoint, the part alert-service uses. URL: {@code quarkus.rest-client.template-service.url};
 * the bearer token is alert-service's own client-credentials token (permission templates:render, audience
 * template-service), attached by the OIDC filter. Timeouts and the fallback text are {@link MessageRenderer}'s.
 */
@RegisterRestClient(configKey = "template-service")
@OidcClientFilter
@Path("/v1/tenants/{tenantId}/templates/{name}/render")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface TemplateApi {

    @POST
    Uni<Rendered> render(@PathParam("tenantId") String tenantId, @PathParam("name") String template, RenderCall call);

    /** {@code locale} null: template-service uses the tenant's default language. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RenderCall(Map<String, Object> data, String locale) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Rendered(String subject, String body, String locale) {
    }
}
