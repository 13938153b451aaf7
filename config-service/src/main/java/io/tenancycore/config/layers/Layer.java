package io.tenancycore.config.layers;

import io.tenancycore.config.support.Keys;
import io.tenancycore.config.support.RedisKeys;

/**
 * One level of the configuration hierarchy, lowest precedence first: global defaults &lt; environment &lt; tenant
 * &lt; tenant@environment. {@link #id()} is how it is named in responses, events and history
 * ({@code global}, {@code environment@prod}, {@code tenant}, {@code tenant@prod}).
 */
public record Layer(Kind kind, String environment) {

    public enum Kind {
        GLOBAL, ENVIRONMENT, TENANT, TENANT_ENVIRONMENT
    }

    public Layer {
        boolean needsEnvironment = kind == Kind.ENVIRONMENT || kind == Kind.TENANT_ENVIRONMENT;
        if (needsEnvironment != (environment != null)) {
            throw new IllegalArgumentException(kind + (needsEnvironment ? " needs" : " takes no") + " environment");
        }
    }

    public static Layer global() {
        return new Layer(Kind.GLOBAL, null);
    }

    public static Layer environment(String environment) {
        return new Layer(Kind.ENVIRONMENT, environment);
    }

    /** The tenant's own layer, or its layer for one environment when {@code environment} is given. */
    public static Layer tenant(String environment) {
        return environment == null ? new Layer(Kind.TENANT, null) : new Layer(Kind.TENANT_ENVIRONMENT, environment);
    }

    public boolean platformWide() {
        return kind == Kind.GLOBAL || kind == Kind.ENVIRONMENT;
    }

    /** Whose revision sequence and Redis slot the layer belongs to. */
    public String owner(String tenantId) {
        return platformWide() ? RedisKeys.PLATFORM : tenantId;
    }

    public String id() {
        return switch (kind) {
            case GLOBAL -> "global";
            case ENVIRONMENT -> "environment@" + environment;
            case TENANT -> "tenant";
            case TENANT_ENVIRONMENT -> "tenant@" + environment;
        };
    }

    public String redisKey(String tenantId) {
        return RedisKeys.layer(owner(tenantId), id());
    }

    @Override
    public String toString() {
        return id();
    }
}
