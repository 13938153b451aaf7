package io.tenancycore.template.engine;

import java.util.Optional;

/** The messages a render may use through {@code {msg:key}}, already resolved along the locale fallback chain. */
@FunctionalInterface
public interface MessageSource {

    MessageSource NONE = key -> Optional.empty();

    /** The MessageFormat pattern of {@code key}, if any bundle of the chain has it. */
    Optional<String> pattern(String key);
}
