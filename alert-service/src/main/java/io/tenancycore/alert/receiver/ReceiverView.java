package io.tenancycore.alert.receiver;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** A receiver as the API shows it: never its HMAC secret nor its Slack URL, only whether it has them. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReceiverView(String name, String type, String url, List<String> to, String locale,
        boolean sendResolved, boolean hasSecret, long version) {

    static ReceiverView of(Receiver receiver, long version) {
        return new ReceiverView(receiver.name(), receiver.type(), receiver.url(), receiver.to(), receiver.locale(),
                receiver.resolvedToo(), receiver.secret() != null || receiver.slackUrl() != null, version);
    }
}
