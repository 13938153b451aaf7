package io.tenancycore.alert.receiver;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Where a route's notifications go, as written and stored: {@code type} webhook ({@code url}, optional HMAC
 * {@code secret}), slack ({@code slack_url}) or email ({@code to}); {@code locale} picks the message language
 * (template-service falls back to the tenant's default); {@code send_resolved} defaults to true. {@code secret} and
 * {@code slack_url} are write-only: {@link ReceiverView} is what is ever shown, and {@link #toString} hides them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Receiver(String name, String type, String url, String secret, String slackUrl, List<String> to,
        String locale, Boolean sendResolved) {

    public static final String WEBHOOK = "webhook";
    public static final String SLACK = "slack";
    public static final String EMAIL = "email";

    public boolean resolvedToo() {
        return sendResolved == null || sendResolved;
    }

    public Receiver named(String newName) {
        return new Receiver(newName, type, url, secret, slackUrl, to, locale, sendResolved);
    }

    /** The same receiver with other secret values (sealed for storage, opened for a delivery). */
    public Receiver withSecrets(String newSecret, String newSlackUrl) {
        return new Receiver(name, type, url, newSecret, newSlackUrl, to, locale, sendResolved);
    }

    @Override
    public String toString() {
        return "Receiver[" + name + ", " + type + "]";
    }
}
