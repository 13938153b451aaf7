package io.tenancycore.commons.cache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Turns cached values into the bytes kept in Redis and back. */
public interface CacheCodec<V> {

    byte[] encode(V value);

    V decode(byte[] bytes);

    static CacheCodec<String> utf8() {
        return new CacheCodec<>() {
            @Override
            public byte[] encode(String value) {
                return value.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public String decode(byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        };
    }

    static <V> CacheCodec<V> json(ObjectMapper mapper, Class<V> type) {
        return json(mapper, mapper.constructType(type));
    }

    static <V> CacheCodec<V> json(ObjectMapper mapper, TypeReference<V> type) {
        return json(mapper, mapper.getTypeFactory().constructType(type));
    }

    private static <V> CacheCodec<V> json(ObjectMapper mapper, JavaType type) {
        return new CacheCodec<>() {
            @Override
            public byte[] encode(V value) {
                try {
                    return mapper.writeValueAsBytes(value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public V decode(byte[] bytes) {
                try {
                    return mapper.readValue(bytes, type);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
