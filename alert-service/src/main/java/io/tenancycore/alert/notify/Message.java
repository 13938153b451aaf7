package io.tenancycore.alert.notify;

/** Rendered text of a notification; {@code fallback} when template-service could not render it. */
public record Message(String subject, String body, boolean fallback, String reason) {
}
