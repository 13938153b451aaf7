package io.tenancycore.deploytests.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenancycore.deploytests.chart.Rendered;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a rendered Redis must be: the system of record that never evicts a key and survives a restart, reachable only
 * with the password from its Secret, hardened, probed, and governed by a headless Service. Returns what is wrong.
 */
public final class RedisChecks {

    /** An AOF rewrite forks: its copy-on-write pages need room under the container limit beside maxmemory. */
    static final double MAX_SHARE_OF_LIMIT = 0.75;

    private RedisChecks() {
    }

    public static List<String> violations(List<JsonNode> documents) {
        Rendered rendered = new Rendered(documents);
        List<String> out = new ArrayList<>();
        JsonNode statefulSet = rendered.get("StatefulSet", "redis");
        JsonNode pod = statefulSet.path("spec").path("template").path("spec");
        JsonNode container = Rendered.container(statefulSet);
        Map<String, String> podLabels = new HashMap<>();
        statefulSet.path("spec").path("template").path("metadata").path("labels").properties()
                .forEach(e -> podLabels.put(e.getKey(), e.getValue().asText()));

        JsonNode podSecurity = pod.path("securityContext");
        if (!podSecurity.path("runAsNonRoot").asBoolean() || podSecurity.path("runAsUser").asInt(0) == 0) {
            out.add("the pod may run as root");
        }
        if (!"RuntimeDefault".equals(podSecurity.path("seccompProfile").path("type").asText())) {
            out.add("no RuntimeDefault seccomp profile");
        }
        if (pod.path("automountServiceAccountToken").asBoolean(true)) {
            out.add("a Kubernetes API token is mounted into Redis");
        }
        JsonNode security = container.path("securityContext");
        if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
            out.add("privilege escalation allowed");
        }
        if (!security.path("readOnlyRootFilesystem").asBoolean()) {
            out.add("writable root filesystem");
        }
        if (!security.path("capabilities").path("drop").toString().contains("\"ALL\"")
                || !security.path("capabilities").path("add").isEmpty() || security.path("privileged").asBoolean()) {
            out.add("capabilities not all dropped");
        }
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
            JsonNode p = container.path(probe);
            if (!p.has("exec") && !p.has("tcpSocket")) {
                out.add("no " + probe);
            } else if (p.path("timeoutSeconds").asInt(1) < 2) {
                out.add(probe + " gives an authenticated PING less than 2 s");
            }
        }
        JsonNode resources = container.path("resources");
        if (!resources.path("requests").has("cpu") || !resources.path("requests").has("memory")
                || !resources.path("limits").has("memory")) {
            out.add("resources need cpu and memory requests and a memory limit");
        }
        checkSecrets(container, out);
        checkWritableMounts(pod, container, statefulSet, out);

        String config = redisConf(rendered, pod, container);
        if (!Pattern.compile("(?m)^maxmemory-policy noeviction$").matcher(config).find()) {
            out.add("maxmemory-policy is not noeviction: a full Redis would drop state");
        }
        if (!Pattern.compile("(?m)^appendonly yes$").matcher(config).find()) {
            out.add("the append-only file is off");
        }
        if (Pattern.compile("(?m)^requirepass ").matcher(config).find()) {
            out.add("a literal password in redis.conf");
        }
        long maxmemory = redisBytes(envValue(container, "REDIS_MAXMEMORY"));
        long limit = kubernetesBytes(resources.path("limits").path("memory").asText("0"));
        if (maxmemory <= 0 || maxmemory > limit * MAX_SHARE_OF_LIMIT) {
            out.add("maxmemory " + envValue(container, "REDIS_MAXMEMORY") + " is not within " + MAX_SHARE_OF_LIMIT
                    + " of the memory limit " + resources.path("limits").path("memory").asText());
        }

        String serviceName = statefulSet.path("spec").path("serviceName").asText();
        JsonNode headless = rendered.find("Service", serviceName).orElse(null);
        if (headless == null || !"None".equals(headless.path("spec").path("clusterIP").asText())) {
            out.add("the StatefulSet's service " + serviceName + " is not a headless Service");
        } else if (!Rendered.selects(headless.path("spec").path("selector"), podLabels)) {
            out.add("the headless Service does not select the Redis pod");
        }
        JsonNode client = rendered.find("Service", "redis").orElse(null);
        if (client == null || !Rendered.selects(client.path("spec").path("selector"), podLabels)) {
            out.add("no Service redis selecting the pod (the chart connects to redis:6379)");
        }
        return out;
    }

    private static void checkSecrets(JsonNode container, List<String> out) {
        boolean passwordFromSecret = false;
        for (JsonNode env : container.path("env")) {
            String name = env.path("name").asText();
            boolean secretish = name.contains("PASSWORD") || name.endsWith("_AUTH");
            if (secretish && env.has("value")) {
                out.add(name + " is a literal value, not a Secret reference");
            }
            if ("REDIS_PASSWORD".equals(name) && env.path("valueFrom").has("secretKeyRef")) {
                passwordFromSecret = true;
            }
        }
        if (!passwordFromSecret) {
            out.add("REDIS_PASSWORD does not come from a Secret");
        }
    }

    /** With a read-only root, only the data volume and in-memory scratch may be written. */
    private static void checkWritableMounts(JsonNode pod, JsonNode container, JsonNode statefulSet, List<String> out) {
        Map<String, JsonNode> volumes = new HashMap<>();
        pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        List<String> claims = new ArrayList<>();
        statefulSet.path("spec").path("volumeClaimTemplates").forEach(c -> claims.add(c.path("metadata")
                .path("name").asText()));
        boolean data = false;
        for (JsonNode mount : container.path("volumeMounts")) {
            String volume = mount.path("name").asText();
            if ("/data".equals(mount.path("mountPath").asText()) && claims.contains(volume)) {
                data = true;
            }
            if (!mount.path("readOnly").asBoolean() && !claims.contains(volume)
                    && !volumes.getOrDefault(volume, pod).has("emptyDir")) {
                out.add("volume " + volume + " is mounted writable");
            }
        }
        if (!data) {
            out.add("/data is not on a persistent volume claim");
        }
    }

    private static String redisConf(Rendered rendered, JsonNode pod, JsonNode container) {
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.has("configMap")) {
                JsonNode configMap = rendered.get("ConfigMap", volume.path("configMap").path("name").asText());
                return configMap.path("data").path("redis.conf").asText();
            }
        }
        return "";
    }

    static String envValue(JsonNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (name.equals(env.path("name").asText())) {
                return env.path("value").asText();
            }
        }
        return "";
    }

    /** Redis' memory units: mb and gb are powers of 1024, m and g of 1000. */
    static long redisBytes(String value) {
        Matcher m = Pattern.compile("(\\d+)(kb|mb|gb|k|m|g)?").matcher(value.toLowerCase(Locale.ROOT).strip());
        if (!m.matches()) {
            return -1;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "kb" -> n << 10;
            case "mb" -> n << 20;
            case "gb" -> n << 30;
            case "k" -> n * 1_000;
            case "m" -> n * 1_000_000;
            case "g" -> n * 1_000_000_000;
            default -> n;
        };
    }

    static long kubernetesBytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?").matcher(quantity.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("unsupported quantity " + quantity);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "Ki" -> n << 10;
            case "Mi" -> n << 20;
            case "Gi" -> n << 30;
            case "Ti" -> n << 40;
            case "k" -> n * 1_000;
            case "M" -> n * 1_000_000;
            case "G" -> n * 1_000_000_000;
            case "T" -> n * 1_000_000_000_000L;
            default -> n;
        };
    }
}
