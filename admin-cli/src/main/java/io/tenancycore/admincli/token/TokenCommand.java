package io.tenancycore.admincli.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenancycore.admincli.api.ApiClient;
import io.tenancycore.admincli.api.ApiOptions;
import io.tenancycore.admincli.shell.ConfigDefaults;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code corectl token}: an access token of a client on stdout, alone, for {@code curl -H "Authorization: Bearer $(…)"}. */
@Command(name = "token", mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
        description = "Print an access token of an OAuth2 client (client credentials; secret from a file or env).")
public class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Inject
    ObjectMapper json;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(new ApiClient(api, json).token());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
