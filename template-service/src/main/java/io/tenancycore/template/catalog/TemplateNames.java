package io.tenancycore.template.catalog;

/** Template names: lower-case words joined by {@code _}, with an optional channel suffix ({@code alert_notification.slack}). */
public final class TemplateNames {

    public static final String PATTERN = "^[a-z][a-z0-9_]{0,62}(\\.[a-z][a-z0-9_]{0,30})?$";

    private TemplateNames() {
    }
}
