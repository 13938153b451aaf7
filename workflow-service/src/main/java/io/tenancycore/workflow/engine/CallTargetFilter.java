package io.tenancycore.workflow.engine;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses every {@code call: http} whose host is not on the allow-list, computed URLs included: the request is
 * answered 403 without leaving the process, which the workflow sees as a communication error it may catch.
 */
class CallTargetFilter implements ClientRequestFilter {

    private final Set<String> allowedHosts;

    CallTargetFilter(Set<String> allowedHosts) {
        this.allowedHosts = allowedHosts;
    }

    @Override
    public void filter(ClientRequestContext request) {
        String host = request.getUri().getHost();
        if (host == null || !allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            request.abortWith(Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN)
                    .entity("call target " + host + " is not on the workflow service's allow-list").build());
        }
    }
}
