package io.tenancycore.config.schema;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.Schema;
import io.tenancycore.config.support.Json;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Compiled namespace schemas, at most one per tenant namespace and {@link SchemaLimits#compiledCacheSize()} in all,
 * so a hot namespace is not recompiled on every write while no tenant can grow the heap by saving many schemas.
 * An entry remembers the schema text it was compiled from: when the stored text differs (a change saved here or on
 * another replica) it is recompiled, so an entry is never stale, and a change saved here replaces it at once.
 */
@ApplicationScoped
public class CompiledSchemas {

    private record NamespaceKey(String tenantId, String namespace) {
    }

    private record Compiled(String text, Schema schema) {
    }

    private final Cache<NamespaceKey, Compiled> cache;
    private final SchemaCompiler compiler;

    public CompiledSchemas(SchemaLimits limits, SchemaCompiler compiler) {
        this.compiler = compiler;
        this.cache = Caffeine.newBuilder().maximumSize(limits.compiledCacheSize()).build();
    }

    /** The compiled form of the namespace's stored schema text. */
    public Schema get(String tenantId, String namespace, String text) {
        NamespaceKey key = new NamespaceKey(tenantId, namespace);
        Compiled current = cache.getIfPresent(key);
        if (current != null && current.text().equals(text)) {
            return current.schema();
        }
        Schema schema = compiler.compile(Json.parse(text));
        cache.put(key, new Compiled(text, schema));
        return schema;
    }

    /** Records a schema just compiled for saving, replacing what the namespace had. */
    public void put(String tenantId, String namespace, String text, Schema schema) {
        cache.put(new NamespaceKey(tenantId, namespace), new Compiled(text, schema));
    }

    public void invalidate(String tenantId, String namespace) {
        cache.invalidate(new NamespaceKey(tenantId, namespace));
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
