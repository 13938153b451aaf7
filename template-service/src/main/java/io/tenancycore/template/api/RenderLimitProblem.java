package io.tenancycore.template.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The RFC 9457 problem of a render that went past a limit, with two extension members: {@code limit}, which limit
 * ({@code time}, {@code output_size}, {@code number_exponent}, …), and {@code max}, its configured value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RenderLimitProblem(String type, String title, int status, String detail, String instance,
        String limit, long max) {
}
