package io.tenancycore.admincli.migrate;

import io.tenancycore.admincli.connect.RedisSession;
import io.tenancycore.admincli.connect.RedisTarget;
import io.tenancycore.admincli.shell.ConfigDefaults;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code corectl migrate}: brings the stored data layouts of every service up to date (see {@link Migration}). */
@Command(name = "migrate", mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
        description = "Apply pending data-layout migrations (recorded in Redis, resumable; --dry-run shows them).")
public class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RedisTarget redis;

    @Option(names = "--dry-run", description = "list applied and pending migrations with the keys they would touch")
    boolean dryRun;

    @Option(names = "--batch-size", paramLabel = "N", description = "keys per SCAN batch (default ${DEFAULT-VALUE})")
    int batchSize = 200;

    @Inject
    MigrationRegistry registry;

    @Inject
    Vertx vertx;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Migration> migrations = registry.all();
        try (RedisSession session = redis.open(vertx)) {
            MigrationRunner runner = new MigrationRunner(session, batchSize, out);
            if (dryRun) {
                int pending = runner.plan(migrations);
                out.printf("dry run: %d of %d migrations pending; nothing was changed%n", pending, migrations.size());
            } else {
                int applied = runner.apply(migrations);
                out.printf(applied == 0 ? "nothing to migrate: all %2$d migrations are applied%n"
                        : "%d migrations applied (%d known)%n", applied, migrations.size());
            }
            out.flush();
            return 0;
        }
    }
}
