package io.tenancycore.template.api;

/** Problem {@code type}s specific to this service. */
public final class TemplateProblemTypes {

    private static final String PREFIX = "urn:tenancycore:problem:";
    public static final String TEMPLATE_INVALID = PREFIX + "template-invalid";
    public static final String RENDER_LIMIT = PREFIX + "render-limit-exceeded";
    public static final String RENDER_FAILED = PREFIX + "render-failed";
    public static final String VERSION_CONFLICT = PREFIX + "version-conflict";

    private TemplateProblemTypes() {
    }
}
