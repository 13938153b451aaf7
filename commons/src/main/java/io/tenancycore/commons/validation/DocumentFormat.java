package io.tenancycore.commons.validation;

/** How a document to validate is written. */
public enum DocumentFormat {
    JSON,
    YAML
}
