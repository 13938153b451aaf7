package io.tenancycore.workflow.calls;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * A 204 (a delete, most often) becomes a 200 with {@code {}}: the runtime reads every successful answer as JSON and
 * fails on one without a body or media type, which would make a workflow fail on a call that succeeded.
 */
public class EmptyResponseAsJson implements ClientResponseFilter {

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (response.getStatus() == 204) {
            response.setStatus(200);
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
            response.setEntityStream(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)));
        }
    }
}
