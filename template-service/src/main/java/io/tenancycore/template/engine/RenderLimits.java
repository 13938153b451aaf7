package io.tenancycore.template.engine;

import java.time.Duration;

/**
 * What one render may cost. Tenant templates are untrusted code: without these bounds a loop over a large number or
 * nested loops could keep a thread busy for minutes or fill the heap.
 *
 * @param maxOutputChars characters of output (body or subject) before the render is cut off
 * @param maxIterations loop iterations summed over every {@code {#for}}/{@code {#each}} of one render
 * @param timeout wall-clock time of one render
 */
public record RenderLimits(int maxOutputChars, int maxIterations, Duration timeout) {

    public RenderLimits {
        if (maxOutputChars <= 0 || maxIterations <= 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("render limits must be positive");
        }
    }
}
