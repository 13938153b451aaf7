package io.tenancycore.alert.receiver;

import io.tenancycore.alert.support.AlertsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps tenant-given webhook and Slack URLs off the platform's own network: loopback, private, link-local (cloud
 * metadata at 169.254.169.254) and unspecified addresses, {@code localhost} and metadata host names are refused unless
 * {@code tenancy.alerts.allowed-private-hosts} names the host. Checked when the receiver is written and again before
 * each delivery (host names are resolved then, so a name that later points inside is caught too).
 */
@ApplicationScoped
public class UrlGuard {

    private static final Pattern IP_LITERAL = Pattern.compile("^[0-9.]+$|^\\[?[0-9a-fA-F:]+]?$");
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata",
            "instance-data", "metadata.azure.com");

    private final Set<String> allowed;

    public UrlGuard(AlertsConfig config) {
        this.allowed = Set.copyOf(config.allowedPrivateHosts().orElse(List.of()));
    }

    /** @return why the URL is refused, or null when it may be used (no DNS lookup: for the request path) */
    public String refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            return "must be an http or https URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || url.length() > 2048) {
            return "must be an http or https URL of at most 2048 characters";
        }
        if (uri.getUserInfo() != null) {
            return "must not carry credentials in the URL";
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (allowed.contains(host) || allowed.contains(host.replace("[", "").replace("]", ""))) {
            return null;
        }
        if (host.equals("localhost") || host.endsWith(".localhost") || METADATA_HOSTS.contains(host)) {
            return "must not point at loopback or metadata hosts";
        }
        if (IP_LITERAL.matcher(host).matches() && internal(host)) {
            return "must not point at loopback, private, link-local or metadata addresses";
        }
        return null;
    }

    /** At delivery: the host's current addresses must all be public (blocking DNS: call off the event loop). */
    public String refusalAtDelivery(String url) {
        String refusal = refusal(url);
        if (refusal != null) {
            return refusal;
        }
        String host = URI.create(url).getHost().toLowerCase(Locale.ROOT);
        if (allowed.contains(host)) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (internal(address)) {
                    return "resolves to an internal address";
                }
            }
        } catch (java.net.UnknownHostException e) {
            return "host does not resolve";
        }
        return null;
    }

    private static boolean internal(String literal) {
        try {
            return internal(InetAddress.getByName(literal.replace("[", "").replace("]", "")));
        } catch (java.net.UnknownHostException e) {
            return true;
        }
    }

    private static boolean internal(InetAddress address) {
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                || address.getHostAddress().startsWith("fd") || address.getHostAddress().startsWith("fc");
    }
}
