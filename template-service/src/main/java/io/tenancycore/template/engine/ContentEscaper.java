package io.tenancycore.template.engine;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateNode.Origin;
import io.quarkus.qute.Variant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Escapes every value a template prints by the template's content type, and allow-lists the scheme of values that
 * start a URL ({@link UrlContexts}):
 * <ul>
 * <li>{@code text/html}, {@code text/xml}: Qute's HTML escaping ({@code < > & " '}); a URL value also has its
 * spaces and control characters percent-encoded, so it cannot leave an unquoted attribute either.</li>
 * <li>{@code text/markdown}: every ASCII punctuation character that CommonMark or GitHub's dialect gives a meaning
 * (emphasis, links, images, headings, lists, tables, code, HTML, entities) is backslash-escaped, so data prints as
 * the text it is; a URL value is escaped for a link destination.</li>
 * </ul>
 * {@code application/json} is left to Qute's {@code JsonEscaper}, {@code text/plain} is printed as is.
 */
final class ContentEscaper implements ResultMapper {

    static final String MARKDOWN = "text/markdown";
    static final List<String> HTML_TYPES = List.of(Variant.TEXT_HTML, Variant.TEXT_XML);

    /** Characters printed as they are in Markdown: no dialect gives them a meaning inside running text. */
    private static final String MARKDOWN_PLAIN_PUNCTUATION = ",;?/%@:";
    /**
     * What a link destination must escape: it ends at an unbalanced parenthesis or {@code >}, and it decodes entity
     * references ({@code &#58;} is a colon) unless their {@code &} is escaped. Spaces are percent-encoded instead.
     */
    private static final String DESTINATION_SPECIALS = "\\()<>[]\"'`&";

    private final HtmlEscaper html = new HtmlEscaper(HTML_TYPES);
    private final Set<String> urlSchemes;
    /** The expressions of every live template that start a URL; weak and by identity, so they go with the template. */
    private final Set<Expression> urlExpressions = Collections.newSetFromMap(
            Caffeine.newBuilder().weakKeys().<Expression, Boolean>build().asMap());

    ContentEscaper(Set<String> urlSchemes) {
        this.urlSchemes = urlSchemes;
    }

    /** Called once per parsed template, before it is rendered. */
    void register(Template template, String contentType) {
        UrlContexts.collect(template, contentType, urlExpressions);
    }

    @Override
    public boolean appliesTo(Origin origin, Object result) {
        Optional<String> contentType = origin.getVariant().map(Variant::getContentType);
        return contentType.isPresent()
                && (HTML_TYPES.contains(contentType.get()) || MARKDOWN.equals(contentType.get()));
    }

    @Override
    public String map(Object result, Expression expression) {
        String value = result.toString();
        boolean url = urlExpressions.contains(expression);
        if (url) {
            value = SafeUrls.encodeWhitespace(SafeUrls.allowListed(value, urlSchemes));
        }
        boolean markdown = expression.getOrigin().getVariant().map(Variant::getContentType)
                .filter(MARKDOWN::equals).isPresent();
        if (!markdown) {
            return html.map(value, expression);
        }
        return backslashEscaped(value, url ? ContentEscaper::isDestinationSpecial : ContentEscaper::isMarkdownSpecial);
    }

    private static String backslashEscaped(String value, IntPredicate special) {
        StringBuilder escaped = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean escape = special.test(c);
            if (escape && escaped == null) {
                escaped = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (escaped != null) {
                if (escape) {
                    escaped.append('\\');
                }
                escaped.append(c);
            }
        }
        return escaped == null ? value : escaped.toString();
    }

    private static boolean isMarkdownSpecial(int c) {
        return isAsciiPunctuation(c) && MARKDOWN_PLAIN_PUNCTUATION.indexOf(c) < 0;
    }

    private static boolean isDestinationSpecial(int c) {
        return DESTINATION_SPECIALS.indexOf(c) >= 0;
    }

    private static boolean isAsciiPunctuation(int c) {
        return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~';
    }
}
