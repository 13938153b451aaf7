package io.tenancycore.commons.error;

/**
 * Fired (CDI event) when a request is answered with a refusal (403), so the audit log can record it without this
 * package knowing about auditing.
 *
 * @param type the problem type, e.g. {@code urn:tenancycore:problem:permission-denied}
 */
public record RequestRefused(int status, String type, String method, String path, String detail) {
}
