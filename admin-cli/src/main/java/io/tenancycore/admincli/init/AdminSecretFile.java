package io.tenancycore.admincli.init;

import io.tenancycore.admincli.shell.CliFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The platform-admin client's secret. security-service creates the {@code platform-admin} client at start from
 * {@code TENANCY_ADMIN_SECRET} (it has no API to create it), so init's part is to generate that secret once, into a
 * file only its owner can read, from which the deployment feeds security-service — the same file the local suite
 * keeps ({@code <SUITE_DATA>/secrets/TENANCY_ADMIN_SECRET}).
 */
final class AdminSecretFile {

    private static final int SECRET_BYTES = 32;

    private AdminSecretFile() {
    }

    /** The new secret when this call created the file, empty when the file already held one. */
    static Optional<String> createIfAbsent(Path file) {
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                return Optional.empty();
            }
            byte[] random = new byte[SECRET_BYTES];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, secret.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.TRUNCATE_EXISTING);
            return Optional.of(secret);
        } catch (FileAlreadyExistsException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CliFailure("cannot write the admin secret file " + file + ": " + e.getClass().getSimpleName());
        }
    }
}
