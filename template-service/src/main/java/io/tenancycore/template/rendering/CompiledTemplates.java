package io.tenancycore.template.rendering;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.qute.Template;
import java.util.function.Supplier;
import io.tenancycore.commons.digest.Digests;

/**
 * This replica's parsed Qute templates. Compiled templates cannot be serialized, so they stay out of the tiered cache;
 * they are keyed by what they were compiled from (content type, locale, source text), so a changed template is simply
 * another key and nothing here ever needs invalidating; old entries age out by size. Metrics: Micrometer's
 * {@code cache_gets_total{cache="template-compiled"}}, {@code cache_size}, {@code cache_evictions_total}.
 */
public final class CompiledTemplates {

    private final Cache<String, Template> compiled;

    public CompiledTemplates(long maxSize, MeterRegistry registry) {
        this.compiled = Caffeine.newBuilder().maximumSize(maxSize).recordStats().build();
        if (registry != null) {
            CaffeineCacheMetrics.monitor(registry, compiled, "template-compiled");
        }
    }

    public Template get(String contentType, String locale, String source, Supplier<Template> compile) {
        return compiled.get(key(contentType, locale, source), ignored -> compile.get());
    }

    public long size() {
        return compiled.estimatedSize();
    }

    private static String key(String contentType, String locale, String source) {
        return Digests.sha256Hex(contentType + '\n' + locale + '\n' + source);
    }
}
