package io.tenancycore.template.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** One locale of a template: the body and, for messages that have one (email), the subject. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocalizedContent(
        @Size(max = LocalizedContent.MAX_SUBJECT_CHARS) String subject,
        @NotBlank @Size(max = LocalizedContent.MAX_BODY_CHARS) String body) {

    /** RFC 5322's line limit; a subject is one header line. */
    public static final int MAX_SUBJECT_CHARS = 998;
    public static final int MAX_BODY_CHARS = 64 * 1024;
}
