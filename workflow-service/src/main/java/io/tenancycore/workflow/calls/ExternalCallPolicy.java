package io.tenancycore.workflow.calls;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where an HTTP call of a tenant's own workflow may go (the guard against server-side request forgery). A tenant
 * writes its definitions, so its {@code call: http} must never reach this platform's services, loopback, link-local
 * (cloud metadata at 169.254.169.254) or private networks: only hosts the platform put on the external allow-list
 * ({@code tenancy.workflow.http.external.allowed-hosts}, empty by default, so tenants call nothing until an operator
 * says otherwise), and only when every address the name resolves to is public. The check is on the resolved addresses,
 * not the name, and a plain-HTTP call is then pinned to the address that was checked ({@link Vetted#pinned()}), so a
 * name that resolves differently a moment later (DNS rebinding) cannot redirect it. An HTTPS call keeps its name for
 * certificate verification, which a rebound address cannot pass. The built-in templates never go through here: they
 * call our services through {@link ServiceCallFilter}.
 */
public final class ExternalCallPolicy {

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A call this policy refuses, with the reason a workflow author can act on. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** A call allowed: the URI to use (pinned to the checked address for plain HTTP) and the original authority. */
    public record Vetted(URI pinned, String hostHeader) {
    }

    private final Set<String> allowedHosts;
    private final Set<String> internalHosts;
    private final Set<InetAddress> exemptAddresses;
    private final Resolver resolver;

    /**
     * @param allowedHosts     host names or IP literals tenants may call; {@code *.example.com} allows every subdomain
     * @param internalHosts    our own services' host names: refused even when an operator allow-listed them
     * @param exemptAddresses  private addresses an operator explicitly trusts (an on-premises partner); empty by default
     */
    public ExternalCallPolicy(Collection<String> allowedHosts, Collection<String> internalHosts,
            Collection<String> exemptAddresses, Resolver resolver) {
        this.allowedHosts = normalize(allowedHosts);
        this.internalHosts = normalize(internalHosts);
        this.exemptAddresses = exemptAddresses.stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(ExternalCallPolicy::literal).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    private static Set<String> normalize(Collection<String> hosts) {
        return hosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static InetAddress literal(String ip) {
        if (!ip.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("exempt address '" + ip + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("exempt address '" + ip + "' is not an IP address", e);
        }
    }

    /**
     * The refusal of a literal endpoint at upload, if any. A name that does not resolve now is left to the run-time
     * check (DNS may not know it yet); everything else is decided here, resolution included.
     */
    public Optional<String> refusalAtUpload(String uriText) {
        try {
            vet(new URI(uriText), false);
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("'" + uriText + "' is not a URI");
        } catch (Refused e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Checks a call about to be made and pins it to the address checked. */
    public Vetted vet(URI uri) throws Refused {
        return vet(uri, true);
    }

    private Vetted vet(URI uri, boolean mustResolve) throws Refused {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("only http and https endpoints may be called, not '" + uri + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("endpoints may not carry user information ('user@host')");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new Refused("'" + uri + "' names no host");
        }
        String name = hostName(host);
        if (internalHosts.contains(name) || internalHosts.stream().anyMatch(h -> name.startsWith(h + "."))) {
            throw new Refused("host '" + name + "' is a service of this platform; a tenant's workflow may not call it");
        }
        if (!allowed(name)) {
            throw new Refused("host '" + name + "' is not on the platform's allow-list of external call targets");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            if (!mustResolve) {
                return new Vetted(uri, null);
            }
            throw new Refused("host '" + name + "' does not resolve");
        }
        if (addresses.length == 0) {
            throw new Refused("host '" + name + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!exemptAddresses.contains(address)) {
                Optional<String> kind = nonPublic(address);
                if (kind.isPresent()) {
                    throw new Refused("host '" + name + "' resolves to " + address.getHostAddress() + ", a "
                            + kind.get() + " address, which a tenant's workflow may not call");
                }
            }
        }
        if (!scheme.equals("http")) {
            return new Vetted(uri, null);
        }
        String ip = addresses[0].getHostAddress();
        int zone = ip.indexOf('%');
        ip = zone < 0 ? ip : ip.substring(0, zone);
        try {
            // the multi-argument constructor brackets an IPv6 literal and quotes what needs quoting
            URI pinned = new URI(uri.getScheme(), null, ip, uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment());
            return new Vetted(pinned, uri.getRawAuthority());
        } catch (URISyntaxException e) {
            throw new Refused("'" + uri + "' cannot be called: " + e.getMessage());
        }
    }

    /** Lower case, without IPv6 brackets or the trailing dot of a fully qualified name. */
    private static String hostName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private boolean allowed(String name) {
        if (allowedHosts.contains(name)) {
            return true;
        }
        for (String pattern : allowedHosts) {
            if (pattern.startsWith("*.") && name.endsWith(pattern.substring(1))) {
                return true;
            }
        }
        return false;
    }

    /** What kind of non-public address this is, if it is one. */
    static Optional<String> nonPublic(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            boolean v4Mapped = mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            boolean v4Compatible = mapped && b[10] == 0 && b[11] == 0;
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                    && (b[3] & 0xff) == 0x9b;
            if (v4Mapped || (v4Compatible && !address.isAnyLocalAddress() && !address.isLoopbackAddress()) || nat64) {
                try {
                    return nonPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return Optional.of("malformed");
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("private (unique local)");
            }
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("wildcard");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return Optional.of("\"this network\"");
            }
            if (first == 100 && second >= 64 && second < 128) {
                return Optional.of("shared (carrier-grade NAT)");
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return Optional.of("IETF protocol");
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return Optional.of("benchmarking");
            }
            if (first >= 240) {
                return Optional.of("reserved");
            }
        }
        return Optional.empty();
    }
}
