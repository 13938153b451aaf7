package io.tenancycore.template.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.qute.Template;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SafeTemplateEngineTest {

    private static final RenderLimits LIMITS = new RenderLimits(10_000, 1_000, Duration.ofMillis(500));
    private final SafeTemplateEngine engine = new SafeTemplateEngine(LIMITS);

    private String render(String source, String contentType, Map<String, Object> data) {
        return render(source, contentType, data, Locale.ENGLISH, key -> Optional.empty());
    }

    private String render(String source, String contentType, Map<String, Object> data, Locale locale,
            MessageSource messages) {
        Template template = engine.parse("test", source, contentType, locale);
        return engine.render(template, data, new RenderEnvironment(locale, ZoneOffset.UTC, messages));
    }

    @Test
    void htmlIsEscapedByDefault() {
        String out = render("<p>{name}</p>", "text/html", Map.of("name", "<script>alert('x')</script>"));
        assertEquals("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>", out);
    }

    @Test
    void jsonValuesAreEscapedAsJsonStrings() {
        String out = render("{\"text\": \"{name}\"}", "application/json", Map.of("name", "a\"b\nc"));
        assertEquals("{\"text\": \"a\\\"b\\nc\"}", out);
    }

    @Test
    void plainTextIsLeftAlone() {
        assertEquals("<b>", render("{v}", "text/plain", Map.of("v", "<b>")));
    }

    @Test
    void noJavaObjectIsReachable() {
        RenderFailedException failure = assertThrows(RenderFailedException.class,
                () -> render("{name.getClass}", "text/html", Map.of("name", "x")));
        assertTrue(failure.getMessage().contains("getClass"), failure.getMessage());
        assertThrows(RenderFailedException.class, () -> render("{name.raw}", "text/html", Map.of("name", "<b>")));
    }

    @Test
    void dangerousSectionsDoNotExist() {
        for (String source : List.of("{#include other /}", "{#eval 'x'}{/eval}", "{#insert a}{/insert}",
                "{#with a}{/with}")) {
            assertThrows(io.quarkus.qute.TemplateException.class,
                    () -> engine.parse("t", source, "text/html", Locale.ENGLISH), source);
        }
    }

    @Test
    void runawayLoopWithoutOutputIsCutOffByIterations() {
        RenderLimitExceededException failure = assertThrows(RenderLimitExceededException.class,
                () -> render("{#for i in 1000000000}{/for}", "text/html", Map.of()));
        assertEquals(RenderLimitExceededException.Limit.ITERATIONS, failure.limit());
    }

    @Test
    void nestedLoopsAreChargedTogether() {
        assertThrows(RenderLimitExceededException.class,
                () -> render("{#for i in 40}{#for j in 40}{/for}{/for}", "text/html", Map.of()));
    }

    @Test
    void outputSizeIsBounded() {
        String big = "x".repeat(4_000);
        RenderLimitExceededException failure = assertThrows(RenderLimitExceededException.class,
                () -> render("{v}{v}{v}{v}", "text/plain", Map.of("v", big)));
        assertEquals(RenderLimitExceededException.Limit.OUTPUT_SIZE, failure.limit());
    }

    @Test
    void missingDataFailsWithItsPosition() {
        RenderFailedException failure = assertThrows(RenderFailedException.class,
                () -> render("line one\n  {user.name}", "text/html", Map.of()));
        assertTrue(failure.getMessage().contains("line 2"), failure.getMessage());
    }

    @Test
    void defaultsAndLoopsWork() {
        String out = render("{#for item in items}{item.n}{#if item_hasNext},{/if}{/for} {company ?: 'ACME'}",
                "text/plain", Map.of("items", List.of(Map.of("n", 1), Map.of("n", 2))));
        assertEquals("1,2 ACME", out);
    }

    @Test
    void messagesAreFormattedAndEscaped() {
        MessageSource messages = key -> "hello".equals(key) ? Optional.of("Bonjour {0} !") : Optional.empty();
        String out = render("{msg:hello(user)}", "text/html", Map.of("user", "<Jean>"), Locale.FRENCH, messages);
        assertEquals("Bonjour &lt;Jean&gt; !", out);
        RenderFailedException failure = assertThrows(RenderFailedException.class,
                () -> render("{msg:nope}", "text/html", Map.of(), Locale.FRENCH, messages));
        assertTrue(failure.getMessage().contains("nope"));
    }

    @Test
    void numbersDatesAndCurrenciesFollowTheLocale() {
        Map<String, Object> data = Map.of("n", 1234567.891, "at", "2024-03-05T10:15:00Z", "p", 0.25);
        assertEquals("1,234,567.89 | €1,234,567.89 | Mar 5, 2024",
                render("{fmt:number(n, 2)} | {fmt:currency(n, 'EUR')} | {fmt:date(at)}", "text/plain", data));
        String german = render("{fmt:number(n, 2)} | {fmt:currency(n, 'EUR')} | {fmt:date(at, 'long')} | {fmt:percent(p)}",
                "text/plain", data, Locale.GERMAN, key -> Optional.empty());
        assertEquals("1.234.567,89 | 1.234.567,89 € | 5. März 2024 | 25 %", german.replace('\u00a0', ' '));
        String french = render("{fmt:date(at, 'full')}", "text/plain", data, Locale.FRENCH, key -> Optional.empty());
        assertEquals("mardi 5 mars 2024", french);
    }

    @Test
    void datesUseTheRequestedZone() {
        Template template = engine.parse("t", "{fmt:time(at)}", "text/plain", Locale.ENGLISH);
        String out = engine.render(template, Map.of("at", "2024-03-05T23:30:00Z"),
                new RenderEnvironment(Locale.UK, ZoneId.of("Europe/Paris"), MessageSource.NONE));
        assertEquals("00:30", out);
    }
}
