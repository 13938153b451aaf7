package io.tenancycore.deploytests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the checked artifacts live in the repository (the build passes its root as {@code tenancy.repo.root}). */
public final class RepoPaths {

    private RepoPaths() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("tenancy.repo.root", "..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("deploy"))) {
            throw new IllegalStateException("no deploy/ under " + root + "; set -Dtenancy.repo.root");
        }
        return root;
    }

    public static Path chart() {
        return root().resolve("deploy/helm/tenancy-core");
    }

    public static Path valuesFile(String environment) {
        return chart().resolve("values-" + environment + ".yaml");
    }

    public static Path coreConfig(String environment) {
        return root().resolve("config/environments").resolve(environment).resolve("core.yaml");
    }

    public static Path prometheus() {
        return root().resolve("deploy/prometheus");
    }
}
