package io.tenancycore.admincli.init;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenancycore.admincli.api.ApiClient;
import io.tenancycore.admincli.api.ApiOptions;
import io.tenancycore.admincli.connect.KafkaTarget;
import io.tenancycore.admincli.shell.ConfigDefaults;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code corectl init}: prepares a cluster for Tenancy Core — every topic of DESIGN with its partitions, replicas and
 * retention (idempotent: a second run changes nothing) and, with --admin-secret-file, the platform-admin secret,
 * printed once, when it is created; with --seed, once the services run, every tenant's built-in roles where they are
 * missing ({@link DefaultRolesSeeder}). Built-in templates and workflow templates need no seeding: the services serve
 * them from their own code.
 */
@Command(name = "init", mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
        description = "Create every Kafka topic (partitions, replicas, retention) idempotently; "
                + "optionally generate the platform-admin secret and seed every tenant's built-in roles.")
public class InitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaTarget kafka;

    @Option(names = "--env", required = true, paramLabel = "dev|staging|prod",
            description = "environment: dev uses one replica per topic (as k8s/overlays/dev), staging and prod the declared replicas")
    Environment environment;

    @Option(names = "--admin-secret-file", paramLabel = "FILE",
            description = "where the platform-admin secret (TENANCY_ADMIN_SECRET) is kept; generated and printed once if absent")
    Path adminSecretFile;

    @Option(names = "--seed", description = "also seed the services' per-tenant built-ins (the default roles) "
            + "through their APIs, as --client-id (the services must run)")
    boolean seed;

    @Mixin
    ApiOptions api;

    @Inject
    ObjectMapper json;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "timeout of each Kafka call (default ${DEFAULT-VALUE})")
    int timeoutSeconds = 30;

    // Lets tests (and anyone sharing a broker for trials) create the catalog under other names.
    @Option(names = "--topic-prefix", hidden = true)
    String topicPrefix = "";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<TopicSpec> topics = TopicCatalog.forEnvironment(environment).stream()
                .map(t -> new TopicSpec(topicPrefix + t.name(), t.partitions(), t.replicas(), t.configs())).toList();
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        List<TopicInitializer.Outcome> outcomes;
        try (Admin admin = kafka.admin(timeout)) {
            outcomes = new TopicInitializer(admin, timeout.toMillis()).apply(topics);
        }
        for (TopicInitializer.Outcome outcome : outcomes) {
            out.printf("%-9s %-32s %s%n", outcome.action().name().toLowerCase(), outcome.topic(),
                    String.join("; ", outcome.notes()));
        }
        long changed = outcomes.stream().filter(o -> o.action() != TopicInitializer.Action.UNCHANGED).count();
        out.printf("topics: %d declared for %s, %d created or updated, %d unchanged%n", outcomes.size(), environment,
                changed, outcomes.size() - changed);
        if (adminSecretFile != null) {
            Optional<String> created = AdminSecretFile.createIfAbsent(adminSecretFile);
            if (created.isPresent()) {
                out.printf("platform-admin secret (shown once; kept in %s; give it to security-service as "
                        + "TENANCY_ADMIN_SECRET): %s%n", adminSecretFile, created.get());
            } else {
                out.printf("platform-admin secret: already in %s (not shown)%n", adminSecretFile);
            }
        }
        if (seed) {
            DefaultRolesSeeder.Outcome seeded = new DefaultRolesSeeder(new ApiClient(api, json)).seed(out);
            out.printf("roles: %d tenants checked, %d built-in roles added%n", seeded.tenants(), seeded.rolesAdded());
        }
        out.flush();
        return 0;
    }
}
