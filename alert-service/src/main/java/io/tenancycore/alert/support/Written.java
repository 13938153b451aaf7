package io.tenancycore.alert.support;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The answer of a create-or-replace {@code PUT} (DESIGN's conventions): 201 with {@code Location} when the write
 * created the resource (its first version), 200 when it replaced one; the {@code ETag} is the stored version.
 */
public final class Written {

    private Written() {
    }

    public static Response answer(UriInfo uriInfo, Object body, long version) {
        Response.ResponseBuilder answer = version == 1 ? Response.created(uriInfo.getRequestUri()) : Response.ok();
        return answer.entity(body).tag(Long.toString(version)).build();
    }
}
