package io.tenancycore.admincli.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.SortedMap;

/**
 * manifest.json of a backup archive: what was saved, from where, and the SHA-256 of every other entry. The manifest's
 * own SHA-256 is in {@value BackupArchive#MANIFEST_CHECKSUM}, so no byte of the archive goes unchecked.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record BackupManifest(
        String format,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("corectl_version") String corectlVersion,
        @JsonProperty("redis_url") String redisUrl,
        @JsonProperty("redis_version") String redisVersion,
        String match,
        @JsonProperty("key_count") long keyCount,
        SortedMap<String, Long> namespaces,
        SortedMap<String, Long> types,
        Map<String, Entry> entries) {

    public static final String FORMAT = "corectl-backup/1";

    public record Entry(String sha256, long bytes) {
    }
}
