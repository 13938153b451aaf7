package io.tenancycore.commons.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list: {@code {"items": [...], "next_cursor": "..."|null}}. An empty list is a page with no items,
 * never a 404; {@code next_cursor} is null on the last page and is passed back as {@code ?cursor=}.
 */
public record Page<T>(List<T> items,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(nullable = true, description = "Pass as ?cursor= for the next page; null on the last page")
        @JsonProperty("next_cursor") String nextCursor) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /**
     * The requested page of a list the service holds in full, in its stable order; the cursor is the offset of the
     * next item, so paging stays correct while the list does not change and skips or repeats nothing when it
     * only grows at the end.
     */
    public static <T> Page<T> of(List<T> all, PageRequest request) {
        int from = Math.min(request.offset(), all.size());
        int to = (int) Math.min((long) from + request.limit(), all.size());
        return new Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor);
    }
}
