package io.tenancycore.alert.group;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tenancycore.alert.alert.Alert;
import io.tenancycore.alert.alert.AlertState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A notification group as the API shows it (Alertmanager's {@code GET /api/v2/alerts/groups}): the route that formed
 * it, its receiver, the {@code group_by} label values it stands for, the alerts in it, and when it is next looked at
 * ({@code next_notification_at}: after {@code group_wait} for a new group, then every {@code group_interval}; a
 * notification goes out then if the group changed or {@code repeat_interval} passed).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AlertGroup(String key, String route, String receiver, Map<String, String> labels, List<Member> alerts,
        Instant nextNotificationAt, @Schema(nullable = true) Instant lastNotifiedAt, long groupIntervalMs,
        long repeatIntervalMs) {

    /** One alert of the group, enough to tell which (its full record is at {@code /alerts/{fingerprint}}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Member(String fingerprint, String name, AlertState state, String severity,
            Map<String, String> labels, Instant startsAt) {

        static Member of(Alert alert) {
            return new Member(alert.fingerprint(), alert.name(), alert.state(), alert.severity(), alert.labels(),
                    alert.startsAt());
        }
    }
}
