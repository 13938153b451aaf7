package io.tenancycore.config.layers;

/** Set ({@code value} present) or delete ({@code value} null) one key of one layer. */
public record Mutation(Layer layer, String key, StoredValue value) {

    public static Mutation set(Layer layer, String key, StoredValue value) {
        return new Mutation(layer, key, value);
    }

    public static Mutation delete(Layer layer, String key) {
        return new Mutation(layer, key, null);
    }
}
