package io.tenancycore.template.messages;

import io.tenancycore.template.engine.MessageSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundles a tenant sees: its own (locale → key → pattern) over the built-in ones. Along a locale chain, each
 * locale is looked up in the tenant's bundle first, then in the built-in bundle, before the next locale is tried.
 */
public record TenantMessages(Map<String, Map<String, String>> tenantBundles, BuiltinMessages builtin) {

    public Optional<String> find(String key, List<String> localeChain) {
        for (String locale : localeChain) {
            String own = tenantBundles.getOrDefault(locale, Map.of()).get(key);
            if (own != null) {
                return Optional.of(own);
            }
            String shipped = builtin.bundle(locale).get(key);
            if (shipped != null) {
                return Optional.of(shipped);
            }
        }
        return Optional.empty();
    }

    public MessageSource source(List<String> localeChain) {
        return key -> find(key, localeChain);
    }
}
