package io.tenancycore.template.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's messages for one locale, used in templates as {@code {msg:key}} or {@code {msg:key(arg)}}. */
public record MessageBundle(
        @Schema(description = "key → java.text.MessageFormat pattern ({0}, {1} … are the call's arguments)")
        @NotNull @Size(max = 2000)
        Map<@NotNull @Pattern(regexp = "^[A-Za-z][A-Za-z0-9_]{0,127}$") String, @NotNull @Size(max = 4000) String> messages) {
}
