package io.tenancycore.template.messages;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tenancycore.template.support.BuiltinResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** The message bundles that ship with the service ({@code builtin/messages/<locale>.yaml}). */
public final class BuiltinMessages {

    private static final String DIRECTORY = "builtin/messages/";

    private final Map<String, Map<String, String>> bundles;

    private BuiltinMessages(Map<String, Map<String, String>> bundles) {
        this.bundles = Map.copyOf(bundles);
    }

    public static BuiltinMessages load() {
        YAMLMapper yaml = new YAMLMapper();
        Map<String, Map<String, String>> loaded = new HashMap<>();
        for (String locale : BuiltinResources.lines(DIRECTORY + "index.txt")) {
            try (InputStream in = BuiltinResources.open(DIRECTORY + locale + ".yaml")) {
                loaded.put(locale, Map.copyOf(yaml.readValue(in, new TypeReference<Map<String, String>>() {
                })));
            } catch (IOException e) {
                throw new UncheckedIOException("built-in messages " + locale + " are unreadable", e);
            }
        }
        return new BuiltinMessages(loaded);
    }

    /** Every shipped bundle: locale → key → pattern. */
    public Map<String, Map<String, String>> bundles() {
        return bundles;
    }

    /** The bundle of exactly this locale; empty when none ships. */
    public Map<String, String> bundle(String locale) {
        return bundles.getOrDefault(locale, Map.of());
    }
}
