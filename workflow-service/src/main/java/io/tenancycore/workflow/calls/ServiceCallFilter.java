package io.tenancycore.workflow.calls;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP client of the built-in templates, the only workflows that call this platform's services. A template names
 * a service, not an address: {@code svc://config-service/v1/...} goes to the configured URL of config-service
 * ({@code quarkus.rest-client.config-service.url}), with this service's own bearer token. Any other target is refused,
 * so the service token never leaves for a host that is not ours.
 */
public class ServiceCallFilter implements ClientRequestFilter {

    public static final String SCHEME = "svc";
    private static final Duration TOKEN_WAIT = Duration.ofSeconds(5);

    /** A service of the templates that lives in this process (the mailer): answers the request itself. */
    @FunctionalInterface
    public interface InProcess {
        Response answer(ClientRequestContext request, String tenantId);
    }

    private final Map<String, URI> services;
    private final Map<String, InProcess> inProcess;
    private final ServiceTokens tokens;

    public ServiceCallFilter(Map<String, URI> services, Map<String, InProcess> inProcess, ServiceTokens tokens) {
        this.services = services;
        this.inProcess = inProcess;
        this.tokens = tokens;
    }

    @Override
    public void filter(ClientRequestContext request) {
        URI target = request.getUri();
        InProcess local = SCHEME.equalsIgnoreCase(target.getScheme()) && target.getHost() != null
                ? inProcess.get(target.getHost().toLowerCase(Locale.ROOT)) : null;
        if (local != null) {
            request.abortWith(local.answer(request, CallContext.of(request).tenantId()));
            return;
        }
        URI base = SCHEME.equalsIgnoreCase(target.getScheme()) && target.getHost() != null
                ? services.get(target.getHost().toLowerCase(Locale.ROOT)) : null;
        if (base == null) {
            String reason = "call refused: built-in workflows call only svc://<service>/..., not " + target;
            request.abortWith(Response.status(Response.Status.FORBIDDEN.getStatusCode(), reason)
                    .type(MediaType.TEXT_PLAIN).entity(reason).build());
            return;
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String query = target.getRawQuery() == null ? "" : "?" + target.getRawQuery();
        request.setUri(URI.create(base.getScheme() + "://" + base.getRawAuthority() + basePath
                + (target.getRawPath() == null ? "" : target.getRawPath()) + query));
        String token = tokens.getTokens().await().atMost(TOKEN_WAIT).getAccessToken();
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }
}
