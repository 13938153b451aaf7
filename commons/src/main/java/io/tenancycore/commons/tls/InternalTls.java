package io.tenancycore.commons.tls;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.http.HttpClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.KeyStore;
import java.util.Optional;

/**
 * The TLS registry's {@value #NAME} configuration: present only under the {@code internal-tls} profile (commons'
 * microprofile-config.properties), where the API ports serve HTTPS and every call to another service trusts the
 * platform's CA. Clients the REST-client and OIDC extensions do not build (the gateway's upstreams, the built-in
 * workflows' calls) take their trust from here; without the profile they keep the JVM's defaults.
 */
@ApplicationScoped
public class InternalTls {

    public static final String NAME = "internal";

    private final TlsConfigurationRegistry registry;

    public InternalTls(TlsConfigurationRegistry registry) {
        this.registry = registry;
    }

    public Optional<TlsConfiguration> configuration() {
        return registry.get(NAME);
    }

    /** The platform CA as a trust store for a JAX-RS client, when internal TLS is on. */
    public Optional<KeyStore> trustStore() {
        return configuration().map(TlsConfiguration::getTrustStore);
    }

    /** Makes a Vert.x client to one of our services trust the platform CA (host names verified), when it is on. */
    public HttpClientOptions trusting(HttpClientOptions options) {
        configuration().ifPresent(tls -> options.setTrustOptions(tls.getTrustStoreOptions()).setVerifyHost(true)
                .setSsl(true));
        return options;
    }
}
