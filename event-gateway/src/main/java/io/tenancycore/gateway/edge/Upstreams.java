package io.tenancycore.gateway.edge;

import io.tenancycore.commons.tls.InternalTls;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The services behind the edge, one {@link Upstream} (client pool, proxy, breaker) each, from {@link EdgeConfig};
 * an {@code https} upstream trusts the platform CA under internal TLS ({@link InternalTls}).
 */
@ApplicationScoped
public class Upstreams {

    private static final Logger LOG = Logger.getLogger(Upstreams.class);

    private final Map<String, Upstream> byName = new TreeMap<>();

    public Upstreams(Vertx vertx, EdgeConfig config, InternalTls internalTls) {
        config.upstreams().forEach((name, upstream) -> {
            URI url = URI.create(upstream.url());
            HttpClientOptions options = new HttpClientOptions()
                    .setConnectTimeout((int) config.proxy().connectTimeout().toMillis())
                    .setMaxPoolSize(config.proxy().maxConnectionsPerUpstream())
                    .setKeepAlive(true)
                    .setSsl("https".equals(url.getScheme()));
            if (options.isSsl()) {
                internalTls.trusting(options);
            }
            byName.put(name, new Upstream(name, url, vertx.createHttpClient(options), config.proxy(),
                    config.circuitBreaker()));
            LOG.infof("/api/%s/ -> %s", name, url);
        });
    }

    public Optional<Upstream> named(String service) {
        return Optional.ofNullable(byName.get(service));
    }

    @PreDestroy
    void close() {
        byName.values().forEach(Upstream::close);
    }
}
