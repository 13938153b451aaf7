package io.tenancycore.admincli.connect;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the six services are: each one's API URL and its management URL (health, metrics, OpenAPI; the service port
 * + 1000 locally). Defaults are DESIGN's local ports from configuration ({@code corectl.<option>}, env
 * {@code CORECTL_CONFIG_SERVICE_MANAGEMENT_URL} …).
 */
public class ServiceTargets {

    @Option(names = "--event-gateway-url", paramLabel = "URL", description = "event-gateway API URL")
    String eventGatewayUrl;
    @Option(names = "--event-gateway-management-url", paramLabel = "URL", description = "event-gateway management URL")
    String eventGatewayManagementUrl;
    @Option(names = "--config-service-url", paramLabel = "URL", description = "config-service API URL")
    String configServiceUrl;
    @Option(names = "--config-service-management-url", paramLabel = "URL", description = "config-service management URL")
    String configServiceManagementUrl;
    @Option(names = "--security-service-url", paramLabel = "URL", description = "security-service API URL")
    String securityServiceUrl;
    @Option(names = "--security-service-management-url", paramLabel = "URL", description = "security-service management URL")
    String securityServiceManagementUrl;
    @Option(names = "--alert-service-url", paramLabel = "URL", description = "alert-service API URL")
    String alertServiceUrl;
    @Option(names = "--alert-service-management-url", paramLabel = "URL", description = "alert-service management URL")
    String alertServiceManagementUrl;
    @Option(names = "--template-service-url", paramLabel = "URL", description = "template-service API URL")
    String templateServiceUrl;
    @Option(names = "--template-service-management-url", paramLabel = "URL", description = "template-service management URL")
    String templateServiceManagementUrl;
    @Option(names = "--workflow-service-url", paramLabel = "URL", description = "workflow-service API URL")
    String workflowServiceUrl;
    @Option(names = "--workflow-service-management-url", paramLabel = "URL", description = "workflow-service management URL")
    String workflowServiceManagementUrl;

    /** The services in DESIGN's order, the gateway (the public entry) first. */
    public List<ServiceEndpoint> all() {
        return List.of(
                new ServiceEndpoint("event-gateway", eventGatewayUrl, eventGatewayManagementUrl),
                new ServiceEndpoint("config-service", configServiceUrl, configServiceManagementUrl),
                new ServiceEndpoint("security-service", securityServiceUrl, securityServiceManagementUrl),
                new ServiceEndpoint("alert-service", alertServiceUrl, alertServiceManagementUrl),
                new ServiceEndpoint("template-service", templateServiceUrl, templateServiceManagementUrl),
                new ServiceEndpoint("workflow-service", workflowServiceUrl, workflowServiceManagementUrl));
    }

    public record ServiceEndpoint(String name, String url, String managementUrl) {
    }
}
