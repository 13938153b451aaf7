package io.tenancycore.workflow.calls;

import jakarta.ws.rs.client.ClientRequestContext;

/**
 * Which instance of which tenant makes an HTTP call: set on each request by the runtime's request decorator
 * ({@code io.tenancycore.workflow.engine.IdempotencyKeyDecorator}) as request properties, read by the call filters.
 */
public record CallContext(String tenantId, String instanceId, String definition, String position) {

    public static final String TENANT = "tenancy.workflow.tenant";
    public static final String INSTANCE = "tenancy.workflow.instance";
    public static final String DEFINITION = "tenancy.workflow.definition";
    public static final String POSITION = "tenancy.workflow.position";

    static CallContext of(ClientRequestContext request) {
        return new CallContext(string(request, TENANT), string(request, INSTANCE), string(request, DEFINITION),
                string(request, POSITION));
    }

    private static String string(ClientRequestContext request, String name) {
        Object value = request.getProperty(name);
        return value == null ? null : value.toString();
    }
}
