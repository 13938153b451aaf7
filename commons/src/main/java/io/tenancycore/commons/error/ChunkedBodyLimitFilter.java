package io.tenancycore.commons.error;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Reads a request body sent without a {@code Content-Length} (chunked) into memory up to
 * {@code quarkus.http.limits.max-body-size} and refuses a longer one with a 413 problem. Without it, RESTEasy reads a
 * chunked body past its 10K in-memory buffer through a blocking stream that answers an empty 413 on its own, before
 * any exception mapper can write the problem (found by the system tests' EndpointFuzzIT). Bodies with a length are
 * refused before they are read by {@link BodyLimitFilter}; form bodies by RESTEasy's form parser, whose 413 reaches
 * {@link ProblemRouteHandler}.
 */
public class ChunkedBodyLimitFilter {

    private static final Logger LOG = Logger.getLogger(ChunkedBodyLimitFilter.class);
    private static final int PAYLOAD_TOO_LARGE = 413;

    private final Optional<MemorySize> maxBodySize;

    public ChunkedBodyLimitFilter(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> readChunkedBody(ContainerRequestContext requestContext, HttpServerRequest request) {
        if (maxBodySize.isEmpty() || !isChunkedNonFormBody(request)) {
            return Uni.createFrom().nullItem();
        }
        long limit = maxBodySize.get().asLongValue();
        return Uni.createFrom().emitter(emitter -> {
            Buffer body = Buffer.buffer();
            boolean[] refused = {false};
            request.handler(chunk -> {
                if (refused[0]) {
                    return;
                }
                if (body.length() + (long) chunk.length() > limit) {
                    refused[0] = true;
                    LOG.infof("%s %s refused: chunked request body over the limit", request.method(), request.path());
                    // the rest of the body is never read: the connection closes once the problem is sent
                    request.response().endHandler(ignored -> request.connection().close());
                    emitter.complete(Problems.response(Problems.of(ProblemTypes.PAYLOAD_TOO_LARGE,
                                    PAYLOAD_TOO_LARGE, "The request body is larger than the " + limit
                                            + " bytes this service accepts.", request.path()))
                            .header(HttpHeaders.CONNECTION.toString(), "close").build());
                    return;
                }
                body.appendBuffer(chunk);
            });
            request.exceptionHandler(emitter::fail);
            request.endHandler(ignored -> {
                if (!refused[0]) {
                    requestContext.setEntityStream(new ByteArrayInputStream(body.getBytes()));
                    emitter.complete(null);
                }
            });
            request.resume();
        });
    }

    private static boolean isChunkedNonFormBody(HttpServerRequest request) {
        if (request.getHeader(HttpHeaders.CONTENT_LENGTH) != null || request.isEnded()) {
            return false;
        }
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        if (encoding == null || !encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return false;
        }
        String type = Optional.ofNullable(request.getHeader(HttpHeaders.CONTENT_TYPE)).orElse("")
                .toLowerCase(Locale.ROOT);
        return !type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/");
    }
}
