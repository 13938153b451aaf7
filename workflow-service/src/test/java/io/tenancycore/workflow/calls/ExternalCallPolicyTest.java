package io.tenancycore.workflow.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SSRF guard of tenants' calls on its own: names are resolved by a fixed table, so a name that resolves to loopback
 * or to the cloud metadata address can be tested without touching the machine's DNS.
 */
class ExternalCallPolicyTest {

    private static final Map<String, String> DNS = Map.of(
            "api.partner.example", "93.184.216.34",
            "rebind.partner.example", "127.0.0.1",
            "metadata.partner.example", "169.254.169.254",
            "intranet.partner.example", "10.1.2.3",
            "mapped.partner.example", "::ffff:127.0.0.1",
            "v6.partner.example", "2606:2800:220:1:248:1893:25c8:1946",
            "onprem.partner.example", "192.168.7.7");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String ip = DNS.get(host);
        if (ip == null) {
            if (host.matches("[0-9a-fA-F:.]+")) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(ip)};
    }

    private final ExternalCallPolicy policy = new ExternalCallPolicy(
            List.of("*.partner.example", "127.0.0.1", "169.254.169.254", "10.0.0.1", "config-service", "[::1]", "::1",
                    "0.0.0.0", "100.64.0.1"),
            List.of("config-service", "security-service", "localhost"), List.of("192.168.7.7"),
            ExternalCallPolicyTest::resolve);

    private String refusal(String uri) {
        return assertThrows(ExternalCallPolicy.Refused.class, () -> policy.vet(URI.create(uri))).getMessage();
    }

    @Test
    void aPublicAllowListedHostIsCalledAtTheAddressThatWasChecked() throws Exception {
        ExternalCallPolicy.Vetted vetted = policy.vet(URI.create("http://api.partner.example:8080/v1/x?a=b"));
        assertEquals("http://93.184.216.34:8080/v1/x?a=b", vetted.pinned().toString());
        assertEquals("api.partner.example:8080", vetted.hostHeader());
        // HTTPS keeps its name: the certificate check needs it, and a rebound address cannot pass it
        ExternalCallPolicy.Vetted tls = policy.vet(URI.create("https://v6.partner.example/x"));
        assertEquals("https://v6.partner.example/x", tls.pinned().toString());
        assertNull(tls.hostHeader());
    }

    @Test
    void loopbackLinkLocalAndPrivateAddressesAreRefusedWhateverTheAllowList() {
        assertTrue(refusal("http://127.0.0.1:8081/v1/tenants").contains("loopback"));
        assertTrue(refusal("http://169.254.169.254/latest/meta-data/").contains("link-local"));
        assertTrue(refusal("http://10.0.0.1/").contains("private"));
        assertTrue(refusal("http://[::1]:8080/").contains("loopback"));
        assertTrue(refusal("http://0.0.0.0:8080/").contains("wildcard"));
        assertTrue(refusal("http://100.64.0.1/").contains("carrier-grade"));
    }

    @Test
    void aNameIsJudgedByTheAddressItResolvesTo() {
        assertTrue(refusal("http://rebind.partner.example/").contains("resolves to 127.0.0.1, a loopback address"));
        assertTrue(refusal("http://metadata.partner.example/").contains("link-local"));
        assertTrue(refusal("https://intranet.partner.example/").contains("private"));
        assertTrue(refusal("http://mapped.partner.example/").contains("loopback"));
        assertTrue(refusal("http://unknown.partner.example/").contains("does not resolve"));
    }

    @Test
    void ourServicesAndHostsOffTheAllowListAreRefusedByName() {
        assertTrue(refusal("http://config-service:8081/v1/tenants/a/config").contains("service of this platform"));
        assertTrue(refusal("http://localhost:8082/v1/auth/token").contains("service of this platform"));
        assertTrue(refusal("http://security-service.tenancy-core.svc/").contains("service of this platform"));
        assertTrue(refusal("http://evil.example/").contains("not on the platform's allow-list"));
        assertTrue(refusal("file:///etc/passwd").contains("only http and https"));
        assertTrue(refusal("svc://config-service/v1/tenants").contains("only http and https"));
        assertTrue(refusal("http://user:pw@api.partner.example/").contains("user information"));
    }

    @Test
    void anExemptPrivateAddressIsAllowedAndNothingElse() throws Exception {
        assertEquals("192.168.7.7", policy.vet(URI.create("http://onprem.partner.example/")).pinned().getHost());
        assertTrue(refusal("http://intranet.partner.example/").contains("private"));
    }

    @Test
    void atUploadAnUnresolvableNameIsLeftToTheRunTimeCheck() {
        assertTrue(policy.refusalAtUpload("http://unknown.partner.example/x").isEmpty());
        assertTrue(policy.refusalAtUpload("http://rebind.partner.example/x").isPresent());
        assertTrue(policy.refusalAtUpload("http://127.0.0.1/x").isPresent());
    }

    @Test
    void theDefaultAllowListIsEmpty() {
        ExternalCallPolicy closed = new ExternalCallPolicy(List.of(), List.of(), List.of(),
                ExternalCallPolicyTest::resolve);
        assertThrows(ExternalCallPolicy.Refused.class, () -> closed.vet(URI.create("http://api.partner.example/")));
    }
}
