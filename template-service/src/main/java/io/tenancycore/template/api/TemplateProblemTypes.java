package io.tenancycore.template.api;

/**
 * Problem {@code type}s specific to this service, already qualified ({@code urn:tenancycore:problem:template:<name>}):
 * the problems with extension members are records of their own that commons' {@code Problem} does not qualify.
 */
public final class TemplateProblemTypes {

    private static final String PREFIX = "urn:tenancycore:problem:template:";
    public static final String TEMPLATE_INVALID = PREFIX + "template-invalid";
    public static final String RENDER_LIMIT = PREFIX + "render-limit-exceeded";
    public static final String RENDER_FAILED = PREFIX + "render-failed";

    private TemplateProblemTypes() {
    }
}
