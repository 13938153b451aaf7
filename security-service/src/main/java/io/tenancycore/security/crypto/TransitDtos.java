package io.tenancycore.security.crypto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the transit API (Vault Transit-like; binary as base64). */
public final class TransitDtos {

    public static final String KEY_NAME = "^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$";
    /** Vault-style durations: {@code 24h}, {@code 30d}, {@code 3600s}, {@code 0} to disable. */
    public static final String PERIOD = "^(0|[1-9][0-9]{0,8}[smhd]?)$";

    private TransitDtos() {
    }

    public record CreateKey(@JsonProperty("name") @NotBlank @Pattern(regexp = KEY_NAME) String name,
            @JsonProperty("auto_rotate_period") @Pattern(regexp = PERIOD) String autoRotatePeriod,
            @JsonProperty("exportable") Boolean exportable,
            @JsonProperty("type") @Pattern(regexp = "^aes256-gcm96$") String type) {
    }

    public record KeyConfig(@JsonProperty("min_decryption_version") @Min(1) Integer minDecryptionVersion,
            @JsonProperty("min_encryption_version") @Min(0) Integer minEncryptionVersion,
            @JsonProperty("auto_rotate_period") @Pattern(regexp = PERIOD) String autoRotatePeriod,
            @JsonProperty("deletion_allowed") Boolean deletionAllowed) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record KeyView(@JsonProperty("name") String name, @JsonProperty("type") String type,
            @JsonProperty("latest_version") int latestVersion,
            @JsonProperty("min_decryption_version") int minDecryptionVersion,
            @JsonProperty("min_encryption_version") int minEncryptionVersion,
            @JsonProperty("auto_rotate_period") String autoRotatePeriod,
            @JsonProperty("versions") Map<String, String> versions,
            @JsonProperty("deletion_allowed") boolean deletionAllowed,
            @JsonProperty("exportable") boolean exportable,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("last_rotated") String lastRotated) {
    }

    public record Item(@JsonProperty("plaintext") String plaintext, @JsonProperty("ciphertext") String ciphertext,
            @JsonProperty("context") String context, @JsonProperty("key_version") Integer keyVersion,
            @JsonProperty("bits") Integer bits) {
    }

    /** One input, or {@code batch_input}; fields that do not apply to the operation are refused. */
    public record Request(@JsonProperty("plaintext") String plaintext,
            @JsonProperty("ciphertext") String ciphertext,
            @JsonProperty("context") String context,
            @JsonProperty("key_version") @Min(1) Integer keyVersion,
            @JsonProperty("bits") Integer bits,
            @JsonProperty("batch_input") @Size(min = 1) List<@Valid @NotNull Item> batchInput) {

        Item single() {
            return new Item(plaintext, ciphertext, context, keyVersion, bits);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(@JsonProperty("ciphertext") String ciphertext, @JsonProperty("plaintext") String plaintext,
            @JsonProperty("key_version") Integer keyVersion, @JsonProperty("error") String error) {
    }

    public record BatchResult(@JsonProperty("batch_results") List<Result> batchResults) {
    }
}
