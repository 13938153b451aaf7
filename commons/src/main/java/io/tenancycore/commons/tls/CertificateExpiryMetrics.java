package io.tenancycore.commons.tls;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.tls.TlsConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;

/**
 * {@code tenancy_tls_certificate_expiry_timestamp_seconds}: when the certificate this service serves its API with
 * (internal TLS) stops being valid, so the {@code TenancyCertificateExpiresSoon} rule warns before a renewal that did
 * not happen takes a service off the network. Read from the TLS registry at each scrape, so a certificate the
 * registry reloaded is the one reported. No series without internal TLS.
 */
@Startup
@ApplicationScoped
public class CertificateExpiryMetrics {

    public static final String METRIC = "tenancy.tls.certificate.expiry.timestamp.seconds";

    private final InternalTls tls;
    private final MeterRegistry registry;

    public CertificateExpiryMetrics(InternalTls tls, MeterRegistry registry) {
        this.tls = tls;
        this.registry = registry;
    }

    @PostConstruct
    void register() {
        if (tls.configuration().isPresent()) {
            Gauge.builder(METRIC, this, CertificateExpiryMetrics::expiry)
                    .description("When the service's own TLS certificate expires (Unix seconds)")
                    .tag("configuration", InternalTls.NAME)
                    .register(registry);
        }
    }

    private double expiry() {
        return tls.configuration().map(TlsConfiguration::getKeyStore).flatMap(CertificateExpiryMetrics::notAfter)
                .map(at -> (double) at.getEpochSecond()).orElse(Double.NaN);
    }

    /** The earliest expiry among the key store's certificates (the served one and its chain). */
    static Optional<Instant> notAfter(KeyStore keys) {
        if (keys == null) {
            return Optional.empty();
        }
        try {
            Instant earliest = null;
            for (String alias : Collections.list(keys.aliases())) {
                Certificate[] chain = keys.getCertificateChain(alias);
                for (Certificate certificate : chain == null ? new Certificate[] {keys.getCertificate(alias)} : chain) {
                    if (certificate instanceof X509Certificate x509) {
                        Instant at = x509.getNotAfter().toInstant();
                        earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
                    }
                }
            }
            return Optional.ofNullable(earliest);
        } catch (KeyStoreException e) {
            return Optional.empty();
        }
    }
}
