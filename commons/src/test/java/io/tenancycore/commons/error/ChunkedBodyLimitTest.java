package io.tenancycore.commons.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A body without Content-Length (chunked) over the limit is a 413 problem too, not an HTML 500. */
@QuarkusTest
class ChunkedBodyLimitTest {

    @TestHTTPResource("/v1/public/form")
    URI form;

    @TestHTTPResource("/v1/public/things")
    URI things;

    @Test
    void anOversizedChunkedFormBodyIsA413Problem() throws Exception {
        HttpResponse<String> response = postChunked("name=" + "a".repeat(2_000_000));
        assertEquals(413, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(Problem.MEDIA_TYPE),
                response.headers().toString());
        assertTrue(response.body().contains(":payload-too-large\""), response.body());
    }

    @Test
    void aSmallChunkedFormBodyIsServed() throws Exception {
        HttpResponse<String> response = postChunked("name=" + "a".repeat(100));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"length\":100"), response.body());
    }

    /**
     * A JSON body larger than RESTEasy's in-memory input buffer (10K) is read through a blocking stream, which
     * answered an empty 413 on its own (found by EndpointFuzzIT); the client needs the problem.
     */
    @Test
    void anOversizedChunkedJsonBodyIsA413Problem() throws Exception {
        HttpResponse<String> response = postChunked(things, "application/json",
                "{\"name\": \"" + "a".repeat(2_000_000) + "\"}");
        assertEquals(413, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(Problem.MEDIA_TYPE),
                response.headers().toString());
        assertTrue(response.body().contains(":payload-too-large\""), response.body());
    }

    @Test
    void aChunkedJsonBodyUnderTheLimitIsServed() throws Exception {
        HttpResponse<String> response = postChunked(things, "application/json",
                "{\"name\": \"" + "a".repeat(3_000) + "\", \"owner\": \"acme\"}");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"owner\":\"acme\""), response.body());
    }

    private HttpResponse<String> postChunked(String body) throws Exception {
        return postChunked(form, "application/x-www-form-urlencoded", body);
    }

    private HttpResponse<String> postChunked(URI target, String contentType, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                // an input stream has no known length, so the client sends it chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
