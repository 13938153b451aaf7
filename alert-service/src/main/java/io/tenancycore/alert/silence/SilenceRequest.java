package io.tenancycore.alert.silence;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/** Body of a silence write: {@code matchers} and {@code ends_at} required, {@code starts_at} defaults to now. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SilenceRequest(List<String> matchers, Instant startsAt, Instant endsAt, String comment) {
}
