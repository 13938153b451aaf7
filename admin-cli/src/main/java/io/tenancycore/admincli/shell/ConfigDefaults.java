package io.tenancycore.admincli.shell;

import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from Quarkus configuration: option {@code --redis-url} defaults to {@code corectl.redis-url}, which
 * application.properties sets to DESIGN's local default and the environment overrides ({@code CORECTL_REDIS_URL}).
 * A value on the command line always wins.
 */
public class ConfigDefaults implements IDefaultValueProvider {

    static final String PREFIX = "corectl.";

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String name = option.longestName().replaceFirst("^-+", "");
        return ConfigProvider.getConfig().getOptionalValue(PREFIX + name, String.class).orElse(null);
    }
}
