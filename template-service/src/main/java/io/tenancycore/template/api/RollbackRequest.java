package io.tenancycore.template.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/** Body of {@code POST .../templates/{name}/rollback}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RollbackRequest(@NotNull @Positive Integer version, @PositiveOrZero Integer expectedVersion) {
}
