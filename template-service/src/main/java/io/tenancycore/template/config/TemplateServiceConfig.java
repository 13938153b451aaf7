package io.tenancycore.template.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tenancycore.template.engine.RenderLimits;
import java.time.Duration;
import java.util.Set;

/** {@code tenancy.template.*}: render limits, history and the compiled-template cache size. */
@ConfigMapping(prefix = "tenancy.template")
public interface TemplateServiceConfig {

    Render render();

    /** Versions kept per tenant template; older ones are dropped from the history. */
    @WithDefault("50")
    int versionsKept();

    Cache cache();

    /** What one render may cost and produce; see {@link RenderLimits}. */
    interface Render {

        /** Characters of output per rendered part (body, subject); text made by msg:/fmt: counts as it is made. */
        @WithDefault("262144")
        int maxOutputChars();

        /** Loop iterations per render, all loops together. */
        @WithDefault("10000")
        int maxIterations();

        /** Template nodes evaluated per render, counted each time a loop body or branch runs. */
        @WithDefault("100000")
        int maxNodes();

        /** Wall-clock time per rendered part, checked on the rendering thread wherever it spends time. */
        @WithDefault("1s")
        Duration timeout();

        Format format();

        Messages messages();

        /** Schemes a value may bring into a URL attribute or Markdown link; others become about:invalid. */
        @WithDefault("http,https,mailto")
        Set<String> urlSchemes();

        default RenderLimits limits() {
            Format format = format();
            Messages messages = messages();
            return new RenderLimits(maxOutputChars(), maxIterations(), maxNodes(), timeout(),
                    new RenderLimits.FormatLimits(format.maxArgumentChars(), format.maxDigits(),
                            format.maxExponent(), format.maxFractionDigits()),
                    new RenderLimits.MessageLimits(messages.maxPatternChars(), messages.maxPlaceholders(),
                            messages.maxArgumentChars()),
                    urlSchemes());
        }

        /** Inputs of fmt:number, percent, currency, date, time, datetime. */
        interface Format {

            /** Characters of a string argument (number, date, currency code, style). */
            @WithDefault("100")
            int maxArgumentChars();

            /** Significant digits of a number. */
            @WithDefault("40")
            int maxDigits();

            /** Power of ten of a number's leading digit, either way (1E40 and 1E-40 pass at 40). */
            @WithDefault("40")
            int maxExponent();

            /** Fraction digits fmt:number(x, n) may ask for. */
            @WithDefault("20")
            int maxFractionDigits();
        }

        /** msg: patterns (tenant bundles are also checked on save) and their arguments. */
        interface Messages {

            @WithDefault("4000")
            int maxPatternChars();

            /** Placeholders of a pattern, those inside choice formats included. */
            @WithDefault("32")
            int maxPlaceholders();

            /** Characters of one argument as it is inserted. */
            @WithDefault("10000")
            int maxArgumentChars();
        }
    }

    /**
     * The tiered caches of tenant overrides, bundles and settings are commons' ({@code tenancy.cache."template-overrides"},
     * {@code "template-messages"}, {@code "template-settings"}: L1 size and TTL, Redis TTL); only compiled templates,
     * which cannot leave the process, are sized here.
     */
    interface Cache {

        /** Compiled templates kept in process (keyed by content, so never stale). */
        @WithDefault("5000")
        long compiledMaxSize();
    }
}
