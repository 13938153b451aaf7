package io.tenancycore.config.layers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One key changed by a revision, as the store's script records it: the encoded {@code StoredValue}s before and after. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoredChange(String key, String layer, String old, @JsonProperty("new") String current) {

    public boolean deleted() {
        return current == null;
    }
}
