package io.tenancycore.commons.api;

import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * {@code ?limit=} (default 50, at most 500) and {@code ?cursor=} of a list endpoint, taken as a {@code @BeanParam}.
 * Both arrive as text so that {@code ?limit=abc} is a 400 problem naming the parameter rather than JAX-RS's 404.
 */
public class PageRequest {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    @QueryParam("limit")
    @Parameter(description = "Items per page, 1 to 500 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
    String limit;

    @QueryParam("cursor")
    @Parameter(description = "The next_cursor of the previous page")
    String cursor;

    public PageRequest() {
    }

    public static PageRequest of(String limit, String cursor) {
        PageRequest request = new PageRequest();
        request.limit = limit;
        request.cursor = cursor;
        return request;
    }

    public int limit() {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int value = parse("limit", limit);
        if (value < 1 || value > MAX_LIMIT) {
            throw invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return value;
    }

    /** The raw cursor, for services whose cursors are not offsets (a Redis stream id, a SCAN cursor). */
    public String cursor() {
        return cursor == null || cursor.isBlank() ? null : cursor;
    }

    /** The cursor as {@link Page#of} writes it: the offset of the first item of the page. */
    public int offset() {
        String value = cursor();
        if (value == null) {
            return 0;
        }
        int offset = parse("cursor", value);
        if (offset < 0) {
            throw invalid("cursor", "is not a cursor this list returned");
        }
        return offset;
    }

    private static int parse(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, name.equals("cursor") ? "is not a cursor this list returned" : "must be an integer");
        }
    }

    private static ProblemException invalid(String name, String rule) {
        String message = "'" + name + "' " + rule + ".";
        return ProblemException.badRequest("Query parameter " + message,
                List.of(new Violation(name, message, "invalid_parameter")));
    }
}
