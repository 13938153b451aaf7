package io.tenancycore.template.engine;

import io.quarkus.qute.Engine;
import io.quarkus.qute.IfSectionHelper;
import io.quarkus.qute.JsonEscaper;
import io.quarkus.qute.LoopSectionHelper;
import io.quarkus.qute.SetSectionHelper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.TemplateNode.Origin;
import io.quarkus.qute.Variant;
import io.quarkus.qute.WhenSectionHelper;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Qute engine fit for templates written by tenants.
 * <ul>
 * <li>Values reach a template only through the data map it is given: only Qute's resolvers for maps, lists, numbers
 * and logic are registered, never the reflection resolver, so {@code {x.getClass}} resolves to nothing.</li>
 * <li>No {@code {#include}}, {@code {#insert}}, {@code {#eval}}, user tags or template locators: a template cannot
 * reach another template or evaluate data as a template.</li>
 * <li>Values are escaped by the content type ({@link ContentEscaper}): HTML/XML escaping for {@code text/html} and
 * {@code text/xml}, backslash escaping for {@code text/markdown}, JSON string escaping for {@code application/json};
 * a value that starts a URL ({@code href="{url}"}, {@code [text]({url})}) may only bring an allowed scheme. Nothing
 * can opt out ({@code .raw} is not registered).</li>
 * <li>Each render is bounded by {@link RenderLimits}: loop iterations, evaluated nodes, output size (counted as it is
 * produced), the inputs of {@code fmt:} and {@code msg:}, and time. The time limit is enforced cooperatively, on the
 * rendering thread, at every place where a render spends time (see {@link RenderBudget}), so a render that hits it
 * stops and frees its thread rather than being abandoned while it keeps running.</li>
 * <li>Rendering is strict: a missing value fails the render instead of printing nothing.</li>
 * </ul>
 */
public final class SafeTemplateEngine {

    public static final String DATA_NAMESPACE = "data";
    public static final Set<String> NAMESPACES = Set.of(MessageNamespace.NAMESPACE, FormatNamespace.NAMESPACE,
            DATA_NAMESPACE);
    public static final Set<String> FORMAT_FUNCTIONS = FormatNamespace.FUNCTIONS;
    public static final Set<String> LOOP_SECTIONS = Set.of("for", "each");
    public static final Set<String> LET_SECTIONS = Set.of("let", "set");

    private final Engine engine;
    private final RenderLimits limits;
    private final ContentEscaper escaper;

    public SafeTemplateEngine(RenderLimits limits) {
        this.limits = limits;
        this.escaper = new ContentEscaper(limits.urlSchemes());
        this.engine = Engine.builder()
                .addSectionHelper(BudgetedSectionFactory.branches(new IfSectionHelper.Factory()))
                .addSectionHelper(BudgetedSectionFactory.loops(new LoopSectionHelper.Factory()))
                .addSectionHelper(BudgetedSectionFactory.branches(new SetSectionHelper.Factory()))
                .addSectionHelper(BudgetedSectionFactory.branches(new WhenSectionHelper.Factory()))
                .addDefaultValueResolvers()
                .addNamespaceResolver(new MessageNamespace(limits.messages()))
                .addNamespaceResolver(new FormatNamespace(limits.format()))
                .addResultMapper(escaper)
                .addResultMapper(new JsonEscaper())
                .removeStandaloneLines(true)
                .strictRendering(true)
                .build();
    }

    public RenderLimits limits() {
        return limits;
    }

    /**
     * @param id names the template in error messages, e.g. {@code acme/welcome_email/fr/body}
     * @throws TemplateException when the source does not parse; its origin has line and column
     */
    public Template parse(String id, String source, String contentType, Locale locale) {
        Template template = engine.parse(source, new Variant(locale, contentType, "UTF-8"), id);
        escaper.register(template, contentType);
        return template;
    }

    /**
     * Renders within the limits; throws {@link RenderLimitExceededException} when cut off and
     * {@link RenderFailedException} when the template does not fit the data.
     */
    public String render(Template template, Map<String, Object> data, RenderEnvironment environment) {
        RenderBudget budget = new RenderBudget(limits);
        BoundedOutput output = new BoundedOutput(budget);
        TemplateInstance instance = template.instance()
                .setAttribute(RenderBudget.ATTRIBUTE, budget)
                .setAttribute(MessageNamespace.SOURCE_ATTRIBUTE, environment.messages())
                .setAttribute(FormatNamespace.ZONE_ATTRIBUTE, environment.zone())
                .setLocale(environment.locale());
        data.forEach(instance::data);
        try {
            // Every resolver of this engine completes at once, so consume() renders on this thread and the budget's
            // deadline checks stop it; the timed wait only guards against a resolver that would not.
            instance.consume(output).toCompletableFuture().get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderFailedException("Rendering was interrupted.");
        } catch (TimeoutException e) {
            throw RenderBudget.timeExceeded(limits);
        } catch (ExecutionException | RuntimeException e) {
            // a limit hit anywhere is the answer, whichever failure Qute surfaced first
            throw budget.exceeded().<RuntimeException>map(limit -> limit).orElseGet(() -> translate(e));
        }
        return output.toString();
    }

    private static RuntimeException translate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RenderLimitExceededException limit) {
                return limit;
            }
            if (cause instanceof UnknownMessageKeyException unknown) {
                return new RenderFailedException(unknown.getMessage());
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TemplateException template) {
                return new RenderFailedException(describe(template));
            }
            if (cause instanceof IllegalArgumentException || cause instanceof ArithmeticException
                    || cause instanceof java.time.DateTimeException) {
                return new RenderFailedException("A format function was given an unusable value: "
                        + cause.getMessage());
            }
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    /** Qute's message without the template id prefix, plus where it happened. */
    static String describe(TemplateException exception) {
        String message = exception.getMessage() == null ? "Template error" : exception.getMessage();
        Origin origin = exception.getOrigin();
        if (origin == null) {
            return message;
        }
        return message + " (line " + origin.getLine() + ", column " + origin.getLineCharacterStart() + ")";
    }
}
