package io.tenancycore.template.engine;

import io.quarkus.qute.Expression;
import io.quarkus.qute.SectionBlock;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateNode;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the expressions of a template whose value starts a URL: right after {@code href="}, {@code src=},
 * {@code action='}… (and CSS {@code url(}) in HTML, XML and Markdown, and after {@code ](}, {@code <} or a link
 * reference {@code [id]: } in Markdown. Their value decides the URL's scheme, so {@link ContentEscaper} allow-lists
 * it. Only the text written before an expression counts: {@code href="https://x/{path}"} fixes the scheme itself.
 * <p>
 * The template is walked in document order; a section's blocks start from the text before the section and the
 * text before a section still counts after it (a section may print nothing), which errs on the side of checking.
 */
final class UrlContexts {

    private static final int TAIL = 128;
    private static final Pattern URL_ATTRIBUTE = Pattern.compile(
            "(?i)(?<![\\w-])(?:href|xlink:href|src|srcset|action|formaction|poster|cite|background|longdesc|usemap"
                    + "|manifest|ping|data|codebase|url)\\s*=\\s*[\"']?\\s*\\z"
                    + "|(?i)url\\(\\s*[\"']?\\s*\\z");
    private static final Pattern MARKDOWN_DESTINATION = Pattern.compile(
            "(?:\\]\\(\\s*<?|<)\\s*\\z|(?m)^[ ]{0,3}\\[[^\\]]+\\]:\\s*<?\\s*\\z");

    private UrlContexts() {
    }

    static void collect(Template template, String contentType, Set<Expression> into) {
        boolean markdown = ContentEscaper.MARKDOWN.equals(contentType);
        if (!markdown && !ContentEscaper.HTML_TYPES.contains(contentType)) {
            return;
        }
        walk(template.getNodes(), "", markdown, into);
    }

    /** @return the text tail after {@code nodes} */
    private static String walk(List<TemplateNode> nodes, String tail, boolean markdown, Set<Expression> into) {
        String text = tail;
        for (TemplateNode node : nodes) {
            if (node.isText()) {
                text = keepTail(text + node.asText().getValue());
            } else if (node.isExpression()) {
                if (startsUrl(text, markdown)) {
                    into.addAll(node.getExpressions());
                }
                text = "";
            } else if (node.isSection()) {
                for (SectionBlock block : node.asSection().getBlocks()) {
                    walk(block.nodes, text, markdown, into);
                }
            }
        }
        return text;
    }

    private static boolean startsUrl(String text, boolean markdown) {
        return URL_ATTRIBUTE.matcher(text).find() || markdown && MARKDOWN_DESTINATION.matcher(text).find();
    }

    private static String keepTail(String text) {
        return text.length() <= TAIL ? text : text.substring(text.length() - TAIL);
    }
}
