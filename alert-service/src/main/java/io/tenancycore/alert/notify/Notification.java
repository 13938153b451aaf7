package io.tenancycore.alert.notify;

import io.tenancycore.alert.alert.Alert;
import java.util.List;
import java.util.Map;

/** One message to one receiver about one group: its firing alerts and the resolved ones it reports. */
public record Notification(String tenantId, String groupKey, String receiver, Map<String, String> groupLabels,
        List<Alert> firing, List<Alert> resolved) {

    public String status() {
        return firing.isEmpty() ? "resolved" : "firing";
    }

    public List<Alert> all() {
        return java.util.stream.Stream.concat(firing.stream(), resolved.stream()).toList();
    }

    /** The alert the message text is about: the first firing one, else the first resolved. */
    public Alert lead() {
        return firing.isEmpty() ? resolved.get(0) : firing.get(0);
    }
}
