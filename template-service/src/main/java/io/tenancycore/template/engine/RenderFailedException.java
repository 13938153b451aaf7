package io.tenancycore.template.engine;

/**
 * A template could not be rendered with the given data (missing value, unknown message key, bad format argument).
 * The message names the expression and its position and is safe to show to the template's author.
 */
public class RenderFailedException extends RuntimeException {

    public RenderFailedException(String message) {
        super(message, null, false, false);
    }
}
