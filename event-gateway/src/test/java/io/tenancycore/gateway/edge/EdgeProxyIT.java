package io.tenancycore.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.gateway.testing.FakeServices;
import io.tenancycore.gateway.testing.GatewayProfile;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The edge in front of a real HTTP upstream: what reaches the service, and who never gets there. */
@QuarkusTest
@TestProfile(GatewayProfile.class)
class EdgeProxyIT {

    private static final String PROBLEM_JSON = "application/problem+json";

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;
    @TestHTTPResource("/")
    URL gateway;

    private static String tenant(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    void forwardsWithoutTheServicePrefixAndKeepsTheQuery() {
        String acme = tenant("acme");
        given().auth().oauth2(TestTokens.tenantUser(acme))
                .get("/api/templates/v1/tenants/" + acme + "/templates?limit=5&cursor=abc")
                .then().statusCode(200)
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/v1/tenants/" + acme + "/templates?limit=5&cursor=abc"))
                // the services verify the token themselves: it travels on
                .body("headers.authorization", containsString("Bearer "))
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"));
    }

    @Test
    void generatesARequestIdWhenAbsentAndKeepsTheCallersOtherwise() {
        String acme = tenant("acme");
        Response generated = given().auth().oauth2(TestTokens.tenantUser(acme))
                .get("/api/config/v1/tenants/" + acme + "/config");
        generated.then().statusCode(200)
                .header(EdgeRoute.REQUEST_ID, matchesPattern("[0-9a-f-]{36}"));
        assertEquals(generated.header(EdgeRoute.REQUEST_ID), generated.jsonPath().getString("headers.x-request-id"));

        given().auth().oauth2(TestTokens.tenantUser(acme)).header(EdgeRoute.REQUEST_ID, "req-42")
                .get("/api/config/v1/tenants/" + acme + "/config")
                .then().statusCode(200)
                .header(EdgeRoute.REQUEST_ID, "req-42")
                .body("headers.x-request-id", equalTo("req-42"));
    }

    @Test
    void continuesTheCallersTrace() {
        String acme = tenant("acme");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        given().auth().oauth2(TestTokens.tenantUser(acme))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .get("/api/workflows/v1/tenants/" + acme + "/workflows")
                .then().statusCode(200)
                .body("headers.traceparent", matchesPattern("00-" + traceId + "-[0-9a-f]{16}-0[01]"));
    }

    @Test
    void streamsARequestBodyThroughUnchanged() {
        String acme = tenant("acme");
        byte[] body = new byte[48 * 1024];
        new Random(7).nextBytes(body);
        given().auth().oauth2(TestTokens.tenantUser(acme)).contentType("application/octet-stream").body(body)
                .post("/api/templates/v1/tenants/" + acme + "/uploads")
                .then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("body_length", equalTo(body.length))
                .body("body_sha256", equalTo(FakeServices.sha256(body)));
    }

    @Test
    void noTokenIs401WithABearerChallenge() {
        given().get("/api/config/v1/tenants/acme/config")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:tenancycore:problem:gateway:unauthenticated"));
    }

    @Test
    void aForgedOrExpiredTokenIs401() {
        given().auth().oauth2(TestTokens.forged("acme", "tenant-admin")).get("/api/config/v1/tenants/acme/config")
                .then().statusCode(401).header("WWW-Authenticate", containsString("Bearer")).contentType(PROBLEM_JSON);
        given().auth().oauth2(TestTokens.expired("acme", "tenant-admin")).get("/api/config/v1/tenants/acme/config")
                .then().statusCode(401).contentType(PROBLEM_JSON);
    }

    @Test
    void aTenantTokenCannotReachAnotherTenant() {
        String acme = tenant("acme");
        given().auth().oauth2(TestTokens.tenantAdmin(acme)).get("/api/config/v1/tenants/globex/config")
                .then().statusCode(403)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:tenancycore:problem:gateway:cross-tenant-access"));
    }

    @Test
    void aPlatformClientMayActOnAnyTenant() {
        String globex = tenant("globex");
        given().auth().oauth2(TestTokens.platformAdmin()).get("/api/config/v1/tenants/" + globex + "/config")
                .then().statusCode(200).body("uri", equalTo("/v1/tenants/" + globex + "/config"));
    }

    @Test
    void aSuspendedTenantsClientsAreRefused() {
        String frozen = tenant("frozen");
        given().auth().oauth2(TestTokens.tenantUser(frozen)).get("/api/config/v1/tenants/" + frozen + "/config")
                .then().statusCode(403)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:tenancycore:problem:gateway:tenant-suspended"));
        String gone = tenant("gone");
        given().auth().oauth2(TestTokens.tenantUser(gone)).get("/api/templates/v1/tenants/" + gone + "/templates")
                .then().statusCode(403)
                .body("type", equalTo("urn:tenancycore:problem:gateway:tenant-deleted"));
    }

    @Test
    void anInvalidTenantIdIs400() {
        given().auth().oauth2(TestTokens.platformAdmin()).get("/api/config/v1/tenants/Not..Valid/config")
                .then().statusCode(400).body("type", equalTo("urn:tenancycore:problem:gateway:invalid-tenant-id"));
    }

    @Test
    void dotSegmentsCannotSmuggleAnotherTenantPastTheCheck() {
        String acme = tenant("acme");
        given().auth().oauth2(TestTokens.tenantUser(acme)).urlEncodingEnabled(false)
                .get("/api/config/v1/tenants/" + acme + "/../globex/config")
                .then().statusCode(403).body("type", equalTo("urn:tenancycore:problem:gateway:cross-tenant-access"));
    }

    @Test
    void theTokenEndpointAndJwksNeedNoToken() {
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .post("/api/security/v1/auth/token")
                .then().statusCode(200).body("access_token", equalTo("service-token"));
        given().get("/api/security/.well-known/jwks.json").then().statusCode(200);
    }

    @Test
    void anOversizedBodyIs413() {
        String acme = tenant("acme");
        given().auth().oauth2(TestTokens.tenantUser(acme)).contentType("application/octet-stream")
                .body(new byte[65 * 1024])
                .post("/api/templates/v1/tenants/" + acme + "/uploads")
                .then().statusCode(413)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:tenancycore:problem:gateway:payload-too-large"));
    }

    @Test
    void aServiceThatIsDownIs503AndItsBreakerOpens() {
        String acme = tenant("acme");
        long started = System.nanoTime();
        for (int i = 0; i < GatewayProfile.BREAKER_VOLUME + 3; i++) {
            given().auth().oauth2(TestTokens.tenantUser(acme)).get("/api/alerts/v1/tenants/" + acme + "/alerts")
                    .then().statusCode(503)
                    .contentType(PROBLEM_JSON)
                    .header("Retry-After", matchesPattern("\\d+"))
                    .body("type", equalTo("urn:tenancycore:problem:gateway:upstream-unavailable"));
        }
        // a refused connection fails at once and an open breaker does not even try: nowhere near the response timeout
        assertTrue(System.nanoTime() - started < 10_000_000_000L, "503s took too long");
    }

    @Test
    void callersThatLeaveMidRequestDoNotOpenTheServicesBreaker() throws Exception {
        String acme = tenant("acme");
        // a body announced but never finished: the caller goes away while the gateway streams it to the service
        String request = "POST /api/templates/v1/tenants/" + acme + "/uploads HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + TestTokens.tenantUser(acme) + "\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 1000\r\n\r\nonly the beginning";
        long before = guardedCalls("templates");
        int abandoned = GatewayProfile.BREAKER_VOLUME * 2;
        for (int i = 0; i < abandoned; i++) {
            try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                // time for the request to reach the service (if it does not, nothing was sent and nothing counts)
                Thread.sleep(300);
            }
        }
        // every abandoned call has ended (and would have been counted) before the breaker is asked
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (guardedCalls("templates") < before + abandoned && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(guardedCalls("templates") >= before + abandoned, "the abandoned calls never ended");
        // nobody waited for the service's answers; the service is not down
        given().auth().oauth2(TestTokens.tenantUser(acme)).get("/api/templates/v1/tenants/" + acme + "/templates")
                .then().statusCode(200);
    }

    /** Calls through the service's breaker that have ended (the fault-tolerance metrics of its guard). */
    private long guardedCalls(String service) {
        return given().get(metrics).then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("ft_invocations_total{") && line.contains("upstream " + service))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void everyProxiedAnswerCarriesTheQuotaHeaders() {
        String acme = tenant("acme");
        given().auth().oauth2(TestTokens.tenantUser(acme)).get("/api/config/v1/tenants/" + acme + "/config")
                .then().statusCode(200)
                .header("RateLimit-Limit", String.valueOf(FakeServices.DEFAULT_QUOTA))
                .header("RateLimit-Remaining", String.valueOf(FakeServices.DEFAULT_QUOTA - 1))
                .header("RateLimit-Reset", matchesPattern("\\d+"));
    }

    @Test
    void theHourlyQuotaIsEnforcedWith429AndRetryAfter() {
        String tiny = tenant("tiny");
        for (int i = 1; i <= FakeServices.TINY_QUOTA; i++) {
            given().auth().oauth2(TestTokens.tenantUser(tiny)).get("/api/config/v1/tenants/" + tiny + "/config")
                    .then().statusCode(200)
                    .header("RateLimit-Remaining", String.valueOf(FakeServices.TINY_QUOTA - i));
        }
        Response refused = given().auth().oauth2(TestTokens.tenantUser(tiny))
                .get("/api/config/v1/tenants/" + tiny + "/config");
        refused.then().statusCode(429)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:tenancycore:problem:gateway:quota-exceeded"))
                .header("RateLimit-Limit", String.valueOf(FakeServices.TINY_QUOTA))
                .header("RateLimit-Remaining", "0");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3600, "Retry-After " + retryAfter);
        assertEquals(refused.header("RateLimit-Reset"), refused.header("Retry-After"));
    }

    @Test
    void requestsAreMeasuredByTenantRouteAndStatusAndQuotaUsageIsAGauge() {
        String acme = tenant("acme");
        given().auth().oauth2(TestTokens.tenantUser(acme)).get("/api/templates/v1/tenants/" + acme + "/templates/x")
                .then().statusCode(200);
        String exposition = given().get(metrics).then().statusCode(200).extract().asString();
        assertTrue(exposition.lines().anyMatch(line -> line.startsWith("tenant_requests_total{")
                && line.contains("tenant=\"" + acme + "\"")
                && line.contains("route=\"/api/templates/v1/tenants/{tenantId}/**\"")
                && line.contains("status=\"200\"")), "tenant_requests_total of " + acme);
        assertTrue(exposition.lines().anyMatch(line -> line.startsWith("tenant_response_time_seconds_count{")
                && line.contains("tenant=\"" + acme + "\"")), "tenant_response_time_seconds of " + acme);
        assertTrue(exposition.lines().anyMatch(line -> line.startsWith("tenant_api_quota_usage{")
                && line.contains("tenant=\"" + acme + "\"")), "tenant_api_quota_usage of " + acme);
    }
}
