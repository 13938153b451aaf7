package io.tenancycore.commons.error;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names a violated value as the client wrote it: {@code create.thing.apiQuota} becomes {@code api_quota} when the
 * record component says {@code @JsonProperty("api_quota")}. The method and body parameter are Java details and are
 * dropped; a violation on a plain parameter (path, query) is named after the parameter.
 */
final class ViolationFieldNames {

    private final ObjectMapper mapper;

    ViolationFieldNames(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameterName = null;
        Object current = violation.getRootBean();
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PARAMETER) {
                parameterName = node.getName();
                current = parameterValue(violation, node);
                continue;
            }
            if (kind != ElementKind.PROPERTY && kind != ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
                current = element(current, node);
            }
            if (kind == ElementKind.PROPERTY && node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                Optional<BeanPropertyDefinition> property = property(current, node.getName());
                field.append(property.map(BeanPropertyDefinition::getName).orElse(node.getName()));
                Object owner = current;
                current = property.map(p -> value(p, owner)).orElse(null);
            }
        }
        if (field.isEmpty()) {
            return parameterName == null ? "" : parameterName;
        }
        return field.toString();
    }

    private static Object parameterValue(ConstraintViolation<?> violation, Path.Node node) {
        Object[] parameters = violation.getExecutableParameters();
        int index = node.as(Path.ParameterNode.class).getParameterIndex();
        return parameters != null && index < parameters.length ? parameters[index] : null;
    }

    private Optional<BeanPropertyDefinition> property(Object owner, String javaName) {
        if (owner == null) {
            return Optional.empty();
        }
        try {
            BeanDescription description = mapper.getSerializationConfig()
                    .introspect(mapper.constructType(owner.getClass()));
            return description.findProperties().stream()
                    .filter(property -> property.getInternalName().equals(javaName))
                    .findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Object value(BeanPropertyDefinition property, Object owner) {
        try {
            return property.getAccessor() == null ? null : property.getAccessor().getValue(owner);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Object element(Object container, Path.Node node) {
        if (container instanceof List<?> list && node.getIndex() != null && node.getIndex() < list.size()) {
            return list.get(node.getIndex());
        }
        if (container instanceof Object[] array && node.getIndex() != null && node.getIndex() < array.length) {
            return array[node.getIndex()];
        }
        if (container instanceof Map<?, ?> map && node.getKey() != null) {
            return map.get(node.getKey());
        }
        return null;
    }
}
