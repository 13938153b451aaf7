package io.tenancycore.config.layers;

/**
 * Set ({@code value} present) or delete ({@code value} null) one key of one layer.
 *
 * @param expectedModRevision {@code null}: unconditional; else the key's modify revision in that layer the caller
 *        last read ({@code 0}: the key must not be set there)
 */
public record Mutation(Layer layer, String key, StoredValue value, Long expectedModRevision) {

    public static Mutation set(Layer layer, String key, StoredValue value) {
        return new Mutation(layer, key, value, null);
    }

    public static Mutation delete(Layer layer, String key) {
        return new Mutation(layer, key, null, null);
    }

    public Mutation onlyIfModRevision(Long expected) {
        return new Mutation(layer, key, value, expected);
    }
}
