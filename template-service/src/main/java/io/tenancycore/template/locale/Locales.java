package io.tenancycore.template.locale;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Locale tags as the API uses them (BCP 47, e.g. {@code fr}, {@code fr-CA}, {@code zh-Hant-TW}; {@code fr_CA} is
 * accepted and normalized) and the fallback chain of a render.
 */
public final class Locales {

    /** Every chain ends here: built-in templates and bundles always have it. */
    public static final String ROOT = "en";
    public static final String TAG_PATTERN = "^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,3}$";
    private static final Pattern TAG = Pattern.compile(TAG_PATTERN);

    private Locales() {
    }

    /** The canonical form of a tag ({@code fr_ca} → {@code fr-CA}), or empty when it is not a locale. */
    public static Optional<String> normalize(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            return Optional.empty();
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag.replace('_', '-')).build();
            return Optional.of(locale.toLanguageTag());
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
    }

    public static Locale toLocale(String tag) {
        return Locale.forLanguageTag(tag);
    }

    /**
     * {@code fr-CA} → {@code fr} → the tenant's default locale (and its parents) → {@code en}, without repeats.
     *
     * @param requested normalized tag or {@code null}
     * @param tenantDefault normalized tag or {@code null}
     */
    public static List<String> fallbackChain(String requested, String tenantDefault) {
        Set<String> chain = new LinkedHashSet<>();
        addWithParents(chain, requested);
        addWithParents(chain, tenantDefault);
        chain.add(ROOT);
        return List.copyOf(chain);
    }

    private static void addWithParents(Set<String> chain, String tag) {
        if (tag == null || tag.isBlank()) {
            return;
        }
        List<String> parts = new ArrayList<>(List.of(tag.split("-")));
        while (!parts.isEmpty()) {
            chain.add(String.join("-", parts));
            parts.remove(parts.size() - 1);
        }
    }
}
