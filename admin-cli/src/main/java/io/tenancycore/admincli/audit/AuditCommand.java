package io.tenancycore.admincli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenancycore.admincli.api.ApiClient;
import io.tenancycore.admincli.api.ApiOptions;
import io.tenancycore.admincli.shell.ConfigDefaults;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code corectl audit verify}: checks a tenant's whole audit hash chain, window after window. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit log.",
        subcommands = AuditCommand.Verify.class)
public class AuditCommand {

    static final int BROKEN = 1;

    @Command(name = "verify", mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
            description = "Verify a tenant's audit chain end to end (exit 1 and the first broken entry if it is broken).")
    static class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
        String tenantId;
        @Inject
        ObjectMapper json;

        @Override
        public Integer call() {
            ApiClient client = new ApiClient(api, json);
            PrintWriter out = spec.commandLine().getOut();
            String base = "/v1/tenants/" + URLEncoder.encode(tenantId, StandardCharsets.UTF_8) + "/audit/verify";
            String cursor = null;
            long checked = 0;
            do {
                JsonNode window = client.get("security", base + (cursor == null ? ""
                        : "?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
                if (!window.path("valid").asBoolean(false)) {
                    out.printf("audit chain of %s is BROKEN at entry %s: %s%n", tenantId,
                            window.path("first_broken_seq").asText("?"), window.path("reason").asText("?"));
                    out.flush();
                    return BROKEN;
                }
                checked = Math.max(checked, window.path("checked_to_seq").asLong(checked));
                cursor = window.path("next_cursor").isTextual() ? window.path("next_cursor").asText() : null;
            } while (cursor != null);
            out.printf("audit chain of %s is intact: %d entries checked%n", tenantId, checked);
            out.flush();
            return 0;
        }
    }
}
