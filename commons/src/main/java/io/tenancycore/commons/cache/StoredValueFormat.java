package io.tenancycore.commons.cache;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Layout of a value in Redis: one flag byte ({@link #RAW} or {@link #DEFLATED}), then the payload.
 * The flag lets a cache change its threshold without invalidating what is already stored.
 */
final class StoredValueFormat {

    static final byte RAW = 0;
    static final byte DEFLATED = 1;
    private static final int BUFFER_SIZE = 8192;

    private StoredValueFormat() {
    }

    static byte[] wrap(byte[] encoded, int compressThresholdBytes) {
        if (compressThresholdBytes >= 0 && encoded.length > compressThresholdBytes) {
            byte[] deflated = deflate(encoded);
            if (deflated.length < encoded.length) {
                return prefixed(DEFLATED, deflated);
            }
        }
        return prefixed(RAW, encoded);
    }

    static byte[] unwrap(byte[] stored) {
        if (stored.length == 0) {
            throw new IllegalArgumentException("empty cache entry");
        }
        byte[] payload = Arrays.copyOfRange(stored, 1, stored.length);
        return switch (stored[0]) {
            case RAW -> payload;
            case DEFLATED -> inflate(payload);
            default -> throw new IllegalArgumentException("unknown cache entry format " + stored[0]);
        };
    }

    private static byte[] prefixed(byte flag, byte[] payload) {
        byte[] stored = new byte[payload.length + 1];
        stored[0] = flag;
        System.arraycopy(payload, 0, stored, 1, payload.length);
        return stored;
    }

    private static byte[] deflate(byte[] input) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(input);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 2 + 16);
            byte[] buffer = new byte[BUFFER_SIZE];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] input) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length * 3);
            byte[] buffer = new byte[BUFFER_SIZE];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("truncated compressed cache entry");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("corrupt compressed cache entry", e);
        } finally {
            inflater.end();
        }
    }
}
