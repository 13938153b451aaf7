package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The suite with TLS between the services ({@code SUITE_INTERNAL_TLS=1}: the internal-tls profile, a CA and a
 * certificate made by ./suite; this JVM trusts the CA through {@code javax.net.ssl.trustStore}): every API port speaks
 * HTTPS only, with a certificate of the platform CA; the calls between services still work over it — a tenant
 * registered in config-service is provisioned by workflow-service (its OIDC token from security-service, its calls to
 * security-, config- and template-service), every service verifies tokens against the JWKS, and the gateway proxies;
 * the management interface stays plain HTTP and reports when the certificate expires.
 */
@EnabledIfSystemProperty(named = "tenancy.internal-tls", matches = "true",
        disabledReason = "runs in ./suite test's internal-TLS pass (SUITE_INTERNAL_TLS=1)")
class InternalTlsIT {

    private static final SuiteService GATEWAY = SuiteService.named("event-gateway");
    private static final Pattern EXPIRY = Pattern.compile(
            "tenancy_tls_certificate_expiry_timestamp_seconds\\{[^}]*configuration=\"internal\"[^}]*} ([0-9.E+]+)");

    @Test
    void everyApiPortAnswersHttpsWithThePlatformCertificateAndNothingInPlainHttp() throws Exception {
        HttpClient trusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpClient publicCasOnly = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(jdkDefaultTrust()).build();
        for (SuiteService service : SuiteService.all()) {
            URI api = URI.create(service.baseUrl() + "/v1/tenants/nobody/anything");
            assertTrue(api.getScheme().equals("https"), service + " is not configured with an https URL");
            HttpResponse<String> answer = trusting.send(HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(answer.statusCode() == 401 || answer.statusCode() == 404,
                    service + " answered " + answer.statusCode() + " without a token");
            assertThrows(SSLHandshakeException.class, () -> publicCasOnly.send(HttpRequest.newBuilder(api).build(),
                    HttpResponse.BodyHandlers.discarding()), service + " served a certificate of a public CA?");
            URI plain = URI.create(api.toString().replaceFirst("^https:", "http:"));
            assertThrows(IOException.class, () -> trusting.send(HttpRequest.newBuilder(plain)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()),
                    service + " answered plain HTTP on its API port");
        }
    }

    @Test
    void aTenantIsProvisionedAndServedThroughTheGatewayWhileEveryHopIsHttps() {
        String admin = SuiteTokens.platformAdmin();
        String tenant = "tls" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        // provisioning: workflow-service's token and its calls to security-, config- and template-service
        SuiteTenants.register(admin, tenant);
        String token = SuiteTokens.newTenantClient(admin, tenant, "tenant-admin");
        // the gateway's upstream over HTTPS; config-service verifies the token against the JWKS over HTTPS and
        // encrypts the secret through security-service's transit API over HTTPS, which reveals it back the same way
        String secret = "plaintext-canary-tls-" + UUID.randomUUID();
        given().baseUri(GATEWAY.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("value", secret, "secret", true))
                .put("/api/config/v1/tenants/{t}/config/keys/db.password", tenant)
                .then().statusCode(201);
        given().baseUri(GATEWAY.baseUrl()).auth().oauth2(token).queryParam("reveal", true)
                .get("/api/config/v1/tenants/{t}/config/keys/db.password", tenant)
                .then().statusCode(200).body("secret", equalTo(true)).body("value", equalTo(secret));
    }

    @Test
    void theManagementInterfaceStaysPlainHttpAndReportsWhenTheCertificateExpires() {
        for (SuiteService service : SuiteService.all()) {
            assertTrue(service.managementUrl().startsWith("http:"), service + " management URL");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String metrics = given().baseUri(service.managementUrl()).get("/q/metrics")
                        .then().statusCode(200).extract().asString();
                Matcher expiry = EXPIRY.matcher(metrics);
                assertTrue(expiry.find(), service + " has no certificate expiry gauge");
                Instant notAfter = Instant.ofEpochSecond((long) Double.parseDouble(expiry.group(1)));
                // ./suite makes a 30-day certificate
                assertTrue(notAfter.isAfter(Instant.now().plus(Duration.ofDays(1)))
                        && notAfter.isBefore(Instant.now().plus(Duration.ofDays(31))), service + ": " + notAfter);
            });
        }
    }

    /** The JDK's own CA list, whatever javax.net.ssl.trustStore says for this JVM. */
    private static SSLContext jdkDefaultTrust() throws Exception {
        KeyStore cacerts = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security",
                "cacerts"))) {
            cacerts.load(in, null);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(cacerts);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
