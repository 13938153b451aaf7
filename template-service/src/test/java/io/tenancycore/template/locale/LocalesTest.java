package io.tenancycore.template.locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalesTest {

    @Test
    void chainGoesFromRegionToLanguageToTenantDefaultToEnglish() {
        assertEquals(List.of("fr-CA", "fr", "de", "en"), Locales.fallbackChain("fr-CA", "de"));
        assertEquals(List.of("fr-CA", "fr", "en"), Locales.fallbackChain("fr-CA", "fr"));
        assertEquals(List.of("de-AT", "de", "en"), Locales.fallbackChain(null, "de-AT"));
        assertEquals(List.of("en"), Locales.fallbackChain(null, null));
    }

    @Test
    void tagsAreNormalized() {
        assertEquals(Optional.of("fr-CA"), Locales.normalize("fr_ca"));
        assertEquals(Optional.of("zh-Hant-TW"), Locales.normalize("zh-hant-tw"));
        assertEquals(Optional.empty(), Locales.normalize("../etc"));
        assertEquals(Optional.empty(), Locales.normalize("x"));
    }
}
