package io.tenancycore.template.engine;

/** A template asked for {@code {msg:key}} and no bundle of the locale chain defines the key. */
public class UnknownMessageKeyException extends RuntimeException {

    private final String key;

    public UnknownMessageKeyException(String key) {
        super("No message '" + key + "' in the bundles of this locale.", null, false, false);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
