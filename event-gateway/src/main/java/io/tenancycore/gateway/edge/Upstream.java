package io.tenancycore.gateway.edge;

import io.smallrye.faulttolerance.api.TypedGuard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.util.TypeLiteral;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One service behind the edge: Vert.x' reverse proxy (request and response bodies streamed, hop-by-hop headers
 * dropped) over a pooled client, guarded by a circuit breaker so a service that does not answer costs callers a fast
 * 503 instead of a timeout each. Only failures without an HTTP answer (refused connection, silence beyond the
 * response timeout) count against the breaker; any answer of the service, errors included, proves it alive. A caller
 * that goes away while its request is under way (the proxy then resets the service's stream) is no failure of the
 * service either: counted, a burst of impatient clients opened the breaker and everyone got 503s.
 */
public final class Upstream {

    private final String name;
    private final HttpClient client;
    private final String host;
    private final int port;
    private final String basePath;
    private final long responseTimeoutMillis;
    private final long breakerDelayMillis;
    private final TypedGuard<CompletionStage<ProxyResponse>> breaker;

    Upstream(String name, URI url, HttpClient client, EdgeConfig.Proxy proxy, EdgeConfig.Breaker breaker) {
        this.name = name;
        this.client = client;
        this.host = url.getHost();
        this.port = url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.responseTimeoutMillis = proxy.responseTimeout().toMillis();
        this.breakerDelayMillis = breaker.delay().toMillis();
        this.breaker = TypedGuard.create(new TypeLiteral<CompletionStage<ProxyResponse>>() {
        })
                .withDescription("upstream " + name)
                .withThreadOffload(false)
                .withCircuitBreaker()
                .name("gateway-upstream-" + name)
                .requestVolumeThreshold(breaker.requestVolumeThreshold())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                .when(failure -> !(failure instanceof CallerGone))
                .done()
                .build();
    }

    public String name() {
        return name;
    }

    /** How long an open breaker refuses requests: the {@code Retry-After} of its 503s. */
    public long retryAfterSeconds() {
        return Math.max(1, (breakerDelayMillis + 999) / 1000);
    }

    /**
     * Sends the request to the service with {@code uri} (path and query, below the service's base path) and the
     * extra headers. Completes with the service's answer, not yet sent back, so the caller may add headers; fails
     * when the service could not be reached, answered nothing in time, or its breaker is open. On failure the
     * server request is released (its body is discarded) and nothing has been written to the client.
     */
    public Future<ProxyResponse> send(HttpServerRequest request, String uri, Map<String, String> headers) {
        ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request);
        proxyRequest.setURI(basePath + uri);
        proxyRequest.setAuthority(HostAndPort.create(host, port));
        headers.forEach(proxyRequest::putHeader);
        RequestOptions options = new RequestOptions().setHost(host).setPort(port)
                .setIdleTimeout(responseTimeoutMillis);
        CompletionStage<ProxyResponse> answered = breaker.get(() -> client.request(options)
                .compose(proxyRequest::send)
                .recover(failure -> Future.failedFuture(request.response().closed() ? new CallerGone(failure)
                        : failure))
                .toCompletionStage());
        // back on the request's own context: the answer is written to its connection
        Context requestContext = Vertx.currentContext();
        Future<ProxyResponse> result = requestContext == null ? Future.fromCompletionStage(answered)
                : Future.fromCompletionStage(answered, requestContext);
        return result.onFailure(failure -> proxyRequest.release());
    }

    void close() {
        client.close();
    }

    /** The caller's connection closed before the service answered: nobody is left to answer. */
    public static final class CallerGone extends RuntimeException {

        CallerGone(Throwable cause) {
            super("the caller closed its connection", cause, false, false);
        }
    }
}
