package io.tenancycore.security.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, as every list of the platform answers (DESIGN, "API conventions"): {@code items} (an empty
 * list is {@code []}) and {@code next_cursor}, {@code null} on the last page.
 */
public record Page<T>(@JsonProperty("items") List<T> items,
        @JsonProperty("next_cursor") @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {

    /**
     * The page of {@code sorted} (ascending by {@code keyOf}, keys unique) that {@code request} asks for: the items
     * after its cursor, at most its limit.
     */
    public static <T> Page<T> of(List<T> sorted, PageRequest request, Function<T, String> keyOf) {
        int start = 0;
        if (request.after() != null) {
            while (start < sorted.size() && keyOf.apply(sorted.get(start)).compareTo(request.after()) <= 0) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + request.limit());
        List<T> items = List.copyOf(sorted.subList(start, end));
        String next = end < sorted.size() ? PageRequest.cursorAfter(keyOf.apply(items.get(items.size() - 1))) : null;
        return new Page<>(items, next);
    }
}
