package io.tenancycore.workflow.calls;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The HTTP client of tenants' workflows: every request goes through {@link ExternalCallPolicy} first, computed URLs
 * included. A refused call never leaves the process: it is answered 403 with the reason, which the workflow sees as a
 * communication error it may catch, and it is audited. An allowed plain-HTTP call goes to the address that was checked.
 */
public class ExternalCallFilter implements ClientRequestFilter {

    private final ExternalCallPolicy policy;
    private final CallRefusals refusals;

    public ExternalCallFilter(ExternalCallPolicy policy, CallRefusals refusals) {
        this.policy = policy;
        this.refusals = refusals;
    }

    @Override
    public void filter(ClientRequestContext request) {
        try {
            ExternalCallPolicy.Vetted vetted = policy.vet(request.getUri());
            if (vetted.hostHeader() != null) {
                request.getHeaders().putSingle(HttpHeaders.HOST, vetted.hostHeader());
            }
            request.setUri(vetted.pinned());
        } catch (ExternalCallPolicy.Refused refused) {
            refusals.refused(CallContext.of(request), request.getUri(), refused.getMessage());
            // the reason phrase is what the runtime puts in the task's error
            String reason = "call refused: " + refused.getMessage();
            request.abortWith(Response.status(Response.Status.FORBIDDEN.getStatusCode(), reason)
                    .type(MediaType.TEXT_PLAIN).entity(reason).build());
        }
    }
}
