package io.tenancycore.admincli.tenants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tenancycore.admincli.api.ApiClient;
import io.tenancycore.admincli.api.ApiOptions;
import io.tenancycore.admincli.shell.CliFailure;
import io.tenancycore.admincli.shell.ConfigDefaults;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corectl tenants list|show|create}: config-service's tenant registry from the command line. */
@Command(name = "tenants", mixinStandardHelpOptions = true, description = "List, show and register tenants.",
        subcommands = {TenantsCommand.List.class, TenantsCommand.Show.class, TenantsCommand.Create.class})
public class TenantsCommand {

    private static final int PAGE = 200;

    @Command(name = "list", mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
            description = "List every tenant (id, status, name).")
    static class List implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Inject
        ObjectMapper json;

        @Override
        public Integer call() {
            ApiClient client = new ApiClient(api, json);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-40s %-13s %s%n", "TENANT", "STATUS", "NAME");
            int count = client.forEachItem("config", "/v1/tenants", PAGE, tenant -> out.printf("%-40s %-13s %s%n",
                    tenant.path("tenant_id").asText(), tenant.path("status").asText(), tenant.path("name").asText()));
            out.printf("%d tenants%n", count);
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
            description = "Show one tenant's registry document.")
    static class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(paramLabel = "TENANT_ID")
        String tenantId;
        @Inject
        ObjectMapper json;

        @Override
        public Integer call() throws IOException {
            JsonNode tenant = new ApiClient(api, json).get("config", "/v1/tenants/"
                    + URLEncoder.encode(tenantId, StandardCharsets.UTF_8));
            spec.commandLine().getOut().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(tenant));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
            description = "Register a tenant from the seed's tenant document (YAML or JSON file).")
    static class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Option(names = {"-f", "--file"}, required = true, paramLabel = "tenant.yaml", description = "the tenant document")
        Path file;
        @Inject
        ObjectMapper json;

        @Override
        public Integer call() throws IOException {
            JsonNode document;
            try {
                // YAML is a superset of JSON: one reader for both
                document = new YAMLMapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new CliFailure("cannot read " + file + " as YAML or JSON: " + e.getMessage().lines().findFirst()
                        .orElse(""));
            }
            if (document == null || !document.isObject()) {
                throw new CliFailure(file + " holds no tenant document (an object with tenant_id, name, email …)");
            }
            JsonNode created = new ApiClient(api, json).post("config", "/v1/tenants", document);
            spec.commandLine().getOut().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(created));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
