package io.tenancycore.commons.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds a label whose values callers choose (tenant ids, event types): the first {@code max} values seen keep their
 * name, later ones share {@value #OTHER}, so no caller can grow the metrics registry without limit.
 */
public final class BoundedTags {

    public static final String OTHER = "other";

    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private final int max;

    public BoundedTags(int max) {
        this.max = max;
    }

    /** {@code value} itself while there is room (or it was admitted before), else {@value #OTHER}. */
    public String tagFor(String value) {
        if (admitted.contains(value)) {
            return value;
        }
        synchronized (admitted) {
            if (admitted.size() < max) {
                admitted.add(value);
                return value;
            }
        }
        return admitted.contains(value) ? value : OTHER;
    }
}
