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

    @Test
    void markdownValuesAreEscaped() {
        String out = render("Hi {name}!", "text/markdown",
                Map.of("name", "*bold* [x](javascript:alert(1)) <b>&amp; # `code`"));
        assertEquals("Hi \\*bold\\* \\[x\\]\\(javascript:alert\\(1\\)\\) \\<b\\>\\&amp; \\# \\`code\\`!", out);
        assertEquals("Hello, world? 50% @team: ok", render("{v}", "text/markdown",
                Map.of("v", "Hello, world? 50% @team: ok")));
    }

    @Test
    void markdownLinksAllowOnlySafeSchemes() {
        String source = "[open]({url}) ![img]({url}) <{url}>\n[ref]: {url}";
        assertEquals("[open](about:invalid) ![img](about:invalid) <about:invalid>\n[ref]: about:invalid",
                render(source, "text/markdown", Map.of("url", "javascript:alert(1)")));
        assertEquals("[open](https://example.com/a%20b\\(1\\)?q=1&x) ",
                render("[open]({url}) ", "text/markdown", Map.of("url", "https://example.com/a b(1)?q=1&x"))
                        .replace("\\&", "&"));
        // an entity reference would be decoded inside a link destination: its & is escaped
        assertEquals("[x](javascript\\&#58;alert\\(1\\))",
                render("[x]({url})", "text/markdown", Map.of("url", "javascript&#58;alert(1)")));
    }

    @Test
    void urlAttributesAllowOnlySafeSchemes() {
        String source = "<a href=\"{url}\">{url}</a><img src='{url}'><form action={url}>";
        for (String hostile : List.of("javascript:alert(1)", " JaVa\tScRiPt:alert(1)", "data:text/html,<script>",
                "vbscript:x")) {
            String out = render(source, "text/html", Map.of("url", hostile));
            assertTrue(out.startsWith("<a href=\"about:invalid\">"), out);
            assertTrue(out.contains("<img src='about:invalid'><form action=about:invalid>"), out);
        }
        assertEquals("<a href=\"https://example.com/?a=1&amp;b=&quot;2&quot;\">",
                render("<a href=\"{url}\">", "text/html", Map.of("url", "https://example.com/?a=1&b=\"2\"")));
        assertEquals("<a href=\"/docs/page#top\"><a href=\"mailto:ops@example.com\">",
                render("<a href=\"{a}\"><a href=\"{b}\">", "text/html",
                        Map.of("a", "/docs/page#top", "b", "mailto:ops@example.com")));
        // a space cannot end an unquoted attribute and add another one
        assertEquals("<a href=https://x%20onmouseover=alert(1)>",
                render("<a href={u}>", "text/html", Map.of("u", "https://x onmouseover=alert(1)")));
        // the scheme written by the template itself is kept, later values are only escaped
        assertEquals("<a href=\"https://example.com/javascript:x\">",
                render("<a href=\"https://example.com/{p}\">", "text/html", Map.of("p", "javascript:x")));
    }

    @Test
    void numbersBeyondTheirLimitsAreRefusedBeforeFormatting() {
        assertLimit(RenderLimitExceededException.Limit.NUMBER_EXPONENT, "{fmt:number(n)}", Map.of("n", "1E2000000"));
        assertLimit(RenderLimitExceededException.Limit.NUMBER_EXPONENT, "{fmt:currency(n, 'EUR')}",
                Map.of("n", "1E2000000"));
        assertLimit(RenderLimitExceededException.Limit.NUMBER_EXPONENT, "{fmt:percent(n)}", Map.of("n", "1e-999999999"));
        assertLimit(RenderLimitExceededException.Limit.NUMBER_DIGITS, "{fmt:number(n)}", Map.of("n", "1".repeat(60)));
        assertLimit(RenderLimitExceededException.Limit.FORMAT_ARGUMENT_SIZE, "{fmt:number(n)}",
                Map.of("n", "1" + "0".repeat(5000)));
        assertLimit(RenderLimitExceededException.Limit.FRACTION_DIGITS, "{fmt:number(n, d)}",
                Map.of("n", 1, "d", 1_000_000_000));
        assertLimit(RenderLimitExceededException.Limit.FORMAT_ARGUMENT_SIZE, "{fmt:date(d)}",
                Map.of("d", "2024-01-01".repeat(1000)));
        RenderFailedException infinite = assertThrows(RenderFailedException.class,
                () -> render("{fmt:number(n)}", "text/plain", Map.of("n", Double.POSITIVE_INFINITY)));
        assertTrue(infinite.getMessage().contains("finite"), infinite.getMessage());
        assertThrows(RenderFailedException.class,
                () -> render("{fmt:currency(n, c)}", "text/plain", Map.of("n", 1, "c", "EURO")));
        // what stays within the limits still formats
        assertEquals("0.000001 | 1,000,000,000,000,000,000,000,000,000,000,000,000,000",
                render("{fmt:number(a, 6)} | {fmt:number(b)}", "text/plain", Map.of("a", "1e-6", "b", "1E39")));
    }

    @Test
    void messagesAreBoundedInPatternArgumentsAndOutput() {
        MessageSource manyPlaceholders = key -> Optional.of("{0}".repeat(1000));
        RenderLimitExceededException placeholders = assertThrows(RenderLimitExceededException.class,
                () -> render("{msg:big(v)}", "text/plain", Map.of("v", "x"), Locale.ENGLISH, manyPlaceholders));
        assertEquals(RenderLimitExceededException.Limit.MESSAGE_PLACEHOLDERS, placeholders.limit());

        MessageSource echo = key -> Optional.of("<{0}>");
        RenderLimitExceededException argument = assertThrows(RenderLimitExceededException.class,
                () -> render("{msg:echo(v)}", "text/plain", Map.of("v", "y".repeat(100_000)), Locale.ENGLISH, echo));
        assertEquals(RenderLimitExceededException.Limit.MESSAGE_ARGUMENT_SIZE, argument.limit());

        // each call within the limits, but together they make more text than the output may hold
        MessageSource eight = key -> Optional.of("{0}{0}{0}{0}{0}{0}{0}{0}");
        RenderLimitExceededException output = assertThrows(RenderLimitExceededException.class,
                () -> render("{#for i in 100}{msg:eight(v)}{/for}", "text/plain", Map.of("v", "z".repeat(1000)),
                        Locale.ENGLISH, eight));
        assertEquals(RenderLimitExceededException.Limit.OUTPUT_SIZE, output.limit());
    }

    @Test
    void largeLoopBodiesAreChargedByTheirNodes() {
        String body = "{v}.".repeat(2_000);
        RenderLimitExceededException failure = assertThrows(RenderLimitExceededException.class,
                () -> render("{#for i in 100}" + body + "{/for}", "text/plain", Map.of("v", "")));
        assertEquals(RenderLimitExceededException.Limit.NODES, failure.limit());
    }

    @Test
    void nestedLoopsThatWouldRunForMinutesStopAtTheDeadline() {
        RenderLimits onlyTime = new RenderLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
                Duration.ofMillis(300), RenderLimits.DEFAULT_FORMAT, RenderLimits.DEFAULT_MESSAGES,
                RenderLimits.DEFAULT_URL_SCHEMES);
        SafeTemplateEngine unbounded = new SafeTemplateEngine(onlyTime);
        Template template = unbounded.parse("t", "{#for i in 100000}{#for j in 100000}{#if j}{/if}{/for}{/for}",
                "text/plain", Locale.ENGLISH);
        long start = System.nanoTime();
        RenderLimitExceededException failure = assertThrows(RenderLimitExceededException.class,
                () -> unbounded.render(template, Map.of(), new RenderEnvironment(Locale.ENGLISH, ZoneOffset.UTC,
                        MessageSource.NONE)));
        assertEquals(RenderLimitExceededException.Limit.TIME, failure.limit());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }

    private void assertLimit(RenderLimitExceededException.Limit limit, String source, Map<String, Object> data) {
        RenderLimitExceededException failure = assertThrows(RenderLimitExceededException.class,
                () -> render(source, "text/plain", data), source);
        assertEquals(limit, failure.limit(), source);
    }
}
