package io.tenancycore.admincli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.tenancycore.admincli.audit.AuditCommand;
import io.tenancycore.admincli.backup.BackupCommand;
import io.tenancycore.admincli.backup.RestoreCommand;
import io.tenancycore.admincli.health.HealthCommand;
import io.tenancycore.admincli.init.InitCommand;
import io.tenancycore.admincli.migrate.MigrateCommand;
import io.tenancycore.admincli.shell.CorectlVersion;
import io.tenancycore.admincli.tenants.TenantsCommand;
import io.tenancycore.admincli.token.TokenCommand;
import io.tenancycore.admincli.workflows.WorkflowsCommand;
import picocli.CommandLine.Command;

/** {@code corectl}: the operator's command line for a Tenancy Core installation. */
@TopCommand
@Command(name = "corectl",
        mixinStandardHelpOptions = true,
        versionProvider = CorectlVersion.class,
        description = "Operate a Tenancy Core installation.",
        subcommands = {InitCommand.class, HealthCommand.class, BackupCommand.class, RestoreCommand.class,
            MigrateCommand.class, TenantsCommand.class, TokenCommand.class, AuditCommand.class, WorkflowsCommand.class,
            VersionCommand.class})
public class CorectlCommand {
}
