package io.tenancycore.admincli.shell;

import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.IVersionProvider;

/** The version Maven stamped into the build (quarkus.application.version), for --version and `corectl version`. */
public class CorectlVersion implements IVersionProvider {

    public static String current() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.application.version", String.class)
                .orElse("unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"corectl " + current() + " (Java " + Runtime.version() + ")"};
    }
}
