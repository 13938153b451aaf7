package io.tenancycore.admincli.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenancycore.admincli.api.ApiClient;
import io.tenancycore.admincli.api.ApiOptions;
import io.tenancycore.admincli.shell.ConfigDefaults;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corectl workflows list|show}: a tenant's workflow instances (workflow-service) from the command line. */
@Command(name = "workflows", mixinStandardHelpOptions = true, description = "List and show a tenant's workflow instances.",
        subcommands = {WorkflowsCommand.List.class, WorkflowsCommand.Show.class})
public class WorkflowsCommand {

    private static final int PAGE = 200;

    static String instances(String tenantId) {
        return "/v1/tenants/" + encode(tenantId) + "/workflows/instances";
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
            description = "List a tenant's instances (id, definition, status, start), newest pages first as the "
                    + "service returns them.")
    static class List implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID", description = "the tenant")
        String tenantId;
        @Option(names = "--status", paramLabel = "STATUS",
                description = "only instances in this status (pending, running, waiting, completed, failed, cancelled)")
        String status;
        @Option(names = "--definition", paramLabel = "NAME", description = "only instances of this definition")
        String definition;
        @Inject
        ObjectMapper json;

        @Override
        public Integer call() {
            ApiClient client = new ApiClient(api, json);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-38s %-28s %-10s %s%n", "INSTANCE", "DEFINITION", "STATUS", "CREATED");
            String filters = (status == null ? "" : "&status=" + encode(status))
                    + (definition == null ? "" : "&definition=" + encode(definition));
            String path = instances(tenantId) + (filters.isEmpty() ? "" : "?" + filters.substring(1));
            int count = client.forEachItem("workflows", path,
                    PAGE, instance -> out.printf("%-38s %-28s %-10s %s%n", instance.path("id").asText(),
                            instance.path("definition").asText(), instance.path("status").asText(),
                            instance.path("created_at").asText()));
            out.printf("%d instances%n", count);
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
            description = "Show one instance: status, input, output, error and every task with its timings.")
    static class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID", description = "the tenant")
        String tenantId;
        @Parameters(paramLabel = "INSTANCE_ID")
        String instanceId;
        @Inject
        ObjectMapper json;

        @Override
        public Integer call() throws IOException {
            JsonNode instance = new ApiClient(api, json).get("workflows", instances(tenantId) + "/"
                    + encode(instanceId));
            spec.commandLine().getOut().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(instance));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
