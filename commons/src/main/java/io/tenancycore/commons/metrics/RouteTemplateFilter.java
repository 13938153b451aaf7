package io.tenancycore.commons.metrics;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Remembers the matched JAX-RS route template ({@code /v1/tenants/{tenantId}/configs}) so request metrics are
 * labelled by route, never by raw path (which would carry ids and explode cardinality).
 */
public class RouteTemplateFilter {

    private static final String ROUTING_CONTEXT_KEY = RouteTemplateFilter.class.getName();
    /** Per resource method, read from its annotations once: reflection on every request showed in profiles. */
    private static final ClassValue<Map<Method, String>> TEMPLATES = new ClassValue<>() {
        @Override
        protected Map<Method, String> computeValue(Class<?> resourceClass) {
            return new ConcurrentHashMap<>();
        }
    };

    @ServerRequestFilter
    public void remember(ResourceInfo resourceInfo, RoutingContext routingContext) {
        if (resourceInfo.getResourceClass() != null) {
            Class<?> resourceClass = resourceInfo.getResourceClass();
            Method method = resourceInfo.getResourceMethod();
            routingContext.put(ROUTING_CONTEXT_KEY, method == null ? template(resourceClass, null)
                    : TEMPLATES.get(resourceClass).computeIfAbsent(method, ignored -> template(resourceClass, method)));
        }
    }

    public static Optional<String> of(RoutingContext routingContext) {
        return Optional.ofNullable(routingContext.get(ROUTING_CONTEXT_KEY));
    }

    static String template(Class<?> resourceClass, Method method) {
        StringBuilder template = new StringBuilder();
        append(template, resourceClass.getAnnotation(Path.class));
        if (method != null) {
            append(template, method.getAnnotation(Path.class));
        }
        return template.isEmpty() ? "/" : template.toString();
    }

    private static void append(StringBuilder template, Path path) {
        if (path == null || path.value().isBlank() || "/".equals(path.value())) {
            return;
        }
        String segment = path.value().startsWith("/") ? path.value() : "/" + path.value();
        template.append(segment.endsWith("/") ? segment.substring(0, segment.length() - 1) : segment);
    }
}
