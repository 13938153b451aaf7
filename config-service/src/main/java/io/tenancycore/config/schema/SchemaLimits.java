package io.tenancycore.config.schema;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Bounds on tenant-supplied JSON Schemas ({@code tenancy.config.schemas.*}): what one tenant may make the service
 * compile, keep in memory and run on every write of its namespace.
 */
@ConfigMapping(prefix = "tenancy.config.schemas")
public interface SchemaLimits {

    /** Longest {@code pattern} / {@code patternProperties} regex, in characters. */
    @WithDefault("1000")
    int maxPatternLength();

    /**
     * Largest compiled regex, in RE2/J instructions: matching costs this much per character of the value, so it
     * bounds the time a pattern can take (e.g. {@code [a-z]{1,64}} is about 130, {@code \d{1000}} about 1000).
     */
    @WithDefault("5000")
    int maxPatternProgramSize();

    /**
     * Regex work one validation (one write, or one schema save against the stored values) may do, in RE2/J steps:
     * program size × characters, summed over every match. About 30–80 ns a step here; a write that needs more is
     * refused (422) instead of occupying a thread.
     */
    @WithDefault("10000000")
    long maxMatchSteps();

    /** Largest schema document, in bytes of its JSON text. */
    @WithDefault("32768")
    int maxDocumentBytes();

    /** Deepest nesting of objects and arrays in a schema document. */
    @WithDefault("32")
    int maxDepth();

    /** Compiled schemas kept in memory (one per tenant namespace at most); the least used are dropped first. */
    @WithDefault("1000")
    int compiledCacheSize();
}
