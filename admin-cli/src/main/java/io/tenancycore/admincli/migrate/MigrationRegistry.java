package io.tenancycore.admincli.migrate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every {@link Migration} bean, in id order; two migrations with one id are a build error caught at first use. */
@ApplicationScoped
public class MigrationRegistry {

    @Inject
    @Any
    Instance<Migration> migrations;

    public List<Migration> all() {
        List<Migration> sorted = migrations.stream().sorted(Comparator.comparing(Migration::id)).toList();
        Set<String> ids = new HashSet<>();
        for (Migration migration : sorted) {
            if (!ids.add(migration.id())) {
                throw new IllegalStateException("two migrations have the id " + migration.id());
            }
        }
        return sorted;
    }
}
