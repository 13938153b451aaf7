package io.tenancycore.template.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Body of {@code POST .../templates/{name}/rollback}; the version it is based on travels as {@code If-Match}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RollbackRequest(@NotNull @Positive Integer version) {
}
