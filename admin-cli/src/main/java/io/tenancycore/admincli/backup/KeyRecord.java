package io.tenancycore.admincli.backup;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One line of keys.jsonl: a key (base64, keys are binary-safe), its type, its remaining TTL in ms at backup time
 * ({@code -1}: none) and its DUMP payload (base64), which RESTORE turns back into the same value of any type.
 */
public record KeyRecord(String key, String type, long pttl, String dump) {

    static final String NO_NAMESPACE = "(none)";

    static KeyRecord of(byte[] key, String type, long pttl, byte[] dump) {
        return new KeyRecord(Base64.getEncoder().encodeToString(key), type, pttl,
                Base64.getEncoder().encodeToString(dump));
    }

    @JsonIgnore
    byte[] keyBytes() {
        return Base64.getDecoder().decode(key);
    }

    @JsonIgnore
    byte[] dumpBytes() {
        return Base64.getDecoder().decode(dump);
    }

    /** The key as text when it is UTF-8 (every key the services write is), else its base64 form. */
    static String display(byte[] key) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(key)).toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(key);
        }
    }

    /** DESIGN's layout starts every key with its service ({@code config:{t}:…}): the text before the first colon. */
    static String namespace(byte[] key) {
        String text = display(key);
        int colon = text.indexOf(':');
        return colon > 0 && !text.startsWith("base64:") ? text.substring(0, colon) : NO_NAMESPACE;
    }
}
