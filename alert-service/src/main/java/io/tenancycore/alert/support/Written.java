package io.tenancycore.alert.support;

import io.tenancycore.alert.support.VersionedStore.Versioned;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The answers of a versioned resource (DESIGN's conventions): a {@code POST} create is 201 with {@code Location}; a
 * create-or-replace {@code PUT} is 201 with {@code Location} when the write created the resource (its first version),
 * 200 when it replaced one; a read is 200; each carries the stored version as {@code ETag}.
 */
public final class Written {

    private Written() {
    }

    public static Response answer(UriInfo uriInfo, Object body, long version) {
        Response.ResponseBuilder answer = version == 1 ? Response.created(uriInfo.getRequestUri()) : Response.ok();
        return answer.entity(body).tag(Long.toString(version)).build();
    }

    /** A replace (or create) by name: {@link #answer}. */
    public static Response replaced(UriInfo uriInfo, Versioned<?> stored) {
        return answer(uriInfo, stored.value(), stored.version());
    }

    /** A {@code POST} to the collection created {@code name}. */
    public static Response created(UriInfo uriInfo, String name, Versioned<?> created) {
        return Response.created(uriInfo.getAbsolutePathBuilder().path(name).build())
                .tag(Long.toString(created.version())).entity(created.value()).build();
    }

    /** A read of one resource with its ETag. */
    public static Response found(Versioned<?> found) {
        return Response.ok(found.value()).tag(Long.toString(found.version())).build();
    }
}
