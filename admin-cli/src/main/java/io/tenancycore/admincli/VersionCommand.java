package io.tenancycore.admincli;

import io.tenancycore.admincli.shell.CorectlVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version of corectl.")
public class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (String line : new CorectlVersion().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
        return 0;
    }
}
