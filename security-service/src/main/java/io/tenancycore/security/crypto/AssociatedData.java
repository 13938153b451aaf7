package io.tenancycore.security.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Builds GCM associated data from labelled parts, each length-prefixed so that no two different part lists
 * encode to the same bytes ("ab"+"c" never equals "a"+"bc").
 */
public final class AssociatedData {

    private AssociatedData() {
    }

    public static byte[] of(String domain, String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, domain.getBytes(StandardCharsets.UTF_8));
        for (String part : parts) {
            write(out, (part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Transit ciphertext is bound to its tenant, key name and the caller's optional context. */
    public static byte[] transit(String tenantId, String keyName, byte[] context) {
        byte[] base = of("tenancy-core/transit/v1", tenantId, keyName);
        byte[] ctx = context == null ? new byte[0] : context;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(base);
        write(out, ctx);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, byte[] part) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(part.length).array());
        out.writeBytes(part);
    }
}
