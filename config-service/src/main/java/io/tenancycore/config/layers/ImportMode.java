package io.tenancycore.config.layers;

import io.tenancycore.config.support.ConfigProblems;
import java.util.Locale;

/** How an import meets the layer: add to it (merge) or become it (replace). */
enum ImportMode {
    MERGE, REPLACE;

    static ImportMode parse(String mode) {
        if (mode == null || mode.isBlank()) {
            return MERGE;
        }
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "merge" -> MERGE;
            case "replace" -> REPLACE;
            default -> throw ConfigProblems.invalidInput("mode", "mode must be merge or replace");
        };
    }
}
