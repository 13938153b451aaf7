package io.tenancycore.deploytests.chart;

import static io.tenancycore.deploytests.chart.Rendered.container;
import static io.tenancycore.deploytests.chart.Rendered.env;
import static io.tenancycore.deploytests.chart.Rendered.name;
import static io.tenancycore.deploytests.chart.Rendered.podLabels;
import static io.tenancycore.deploytests.chart.Rendered.selects;
import static io.tenancycore.deploytests.chart.Rendered.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenancycore.deploytests.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every document {@code helm template} renders, for the base values and each environment's values file, checked for
 * what a cluster relies on: probes, resources, hardening, identities, selectors, secret scoping, the core.yaml
 * source, the Ingress, ServiceMonitors, autoscalers and budgets, service URLs and network policies.
 */
class ChartRenderTest {

    static final String RELEASE = "tc";
    static final List<String> SERVICES = List.of("event-gateway", "config-service", "security-service",
            "alert-service", "template-service", "workflow-service");
    /** The Kafka readiness check waits up to 3 s; a probe must wait longer or a healthy pod flaps. */
    static final int KAFKA_CHECK_SECONDS = 3;
    static final int MANAGEMENT_PORT = 9000;

    private static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();

    static Rendered rendered(String environment) {
        return RENDERED.computeIfAbsent(environment,
                env -> ChartRenderer.render(RELEASE, "base".equals(env) ? null : env));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void everyServiceIsDeployedUnderAReleaseScopedName(String environment) {
        Rendered chart = rendered(environment);
        for (String svc : SERVICES) {
            for (String kind : List.of("Deployment", "Service", "ServiceAccount", "NetworkPolicy")) {
                JsonNode object = chart.get(kind, RELEASE + "-" + svc);
                JsonNode labels = object.path("metadata").path("labels");
                assertEquals(svc, labels.path("app.kubernetes.io/name").asText(), kind + " " + svc);
                assertEquals(RELEASE, labels.path("app.kubernetes.io/instance").asText(), kind + " " + svc);
                assertEquals("tenancy-core", labels.path("app.kubernetes.io/part-of").asText(), kind + " " + svc);
                assertEquals("Helm", labels.path("app.kubernetes.io/managed-by").asText(), kind + " " + svc);
                assertFalse(labels.path("app.kubernetes.io/version").asText().isEmpty(), kind + " " + svc);
            }
        }
        for (JsonNode document : chart.documents()) {
            assertTrue(name(document).startsWith(RELEASE + "-"), "not release-scoped: " + name(document));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void probesUseTheManagementPortAndOutwaitTheKafkaCheck(String environment) {
        for (JsonNode deployment : rendered(environment).ofKind("Deployment")) {
            JsonNode container = container(deployment);
            JsonNode managementPort = findPort(container, "management");
            assertEquals(MANAGEMENT_PORT, managementPort.path("containerPort").asInt(), name(deployment));
            Map<String, String> paths = Map.of("livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready",
                    "startupProbe", "/q/health/started");
            paths.forEach((probeName, path) -> {
                JsonNode probe = container.path(probeName);
                String where = name(deployment) + " " + probeName;
                assertEquals(path, probe.path("httpGet").path("path").asText(), where);
                assertEquals("management", probe.path("httpGet").path("port").asText(), where);
                assertTrue(probe.path("timeoutSeconds").asInt() > KAFKA_CHECK_SECONDS,
                        where + " timeoutSeconds " + probe.path("timeoutSeconds") + " does not exceed the Kafka check");
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void everyContainerRequestsCpuAndMemoryAndLimitsMemory(String environment) {
        for (JsonNode deployment : rendered(environment).ofKind("Deployment")) {
            JsonNode resources = container(deployment).path("resources");
            for (String field : List.of("/requests/cpu", "/requests/memory", "/limits/memory")) {
                assertFalse(resources.at(field).asText().isEmpty(), name(deployment) + " lacks resources" + field);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void podsRunNonRootOnAReadOnlyRootWithoutCapabilities(String environment) {
        for (JsonNode deployment : rendered(environment).ofKind("Deployment")) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            String where = name(deployment);
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), where);
            assertEquals("RuntimeDefault", pod.path("securityContext").at("/seccompProfile/type").asText(), where);
            JsonNode context = container(deployment).path("securityContext");
            assertTrue(context.path("runAsNonRoot").asBoolean(), where);
            assertTrue(context.path("readOnlyRootFilesystem").asBoolean(), where);
            assertFalse(context.path("allowPrivilegeEscalation").asBoolean(true), where);
            assertEquals("[\"ALL\"]", context.path("capabilities").path("drop").toString(), where);
            assertTrue(context.path("capabilities").path("add").isMissingNode(), where);
            // a read-only root needs a writable /tmp (Vert.x file cache, Kafka client)
            assertTrue(container(deployment).path("volumeMounts").findValuesAsText("mountPath").contains("/tmp"),
                    where);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void eachServiceRunsAsItsOwnServiceAccountWithoutAToken(String environment) {
        Rendered chart = rendered(environment);
        Set<String> accounts = new HashSet<>();
        for (JsonNode deployment : chart.ofKind("Deployment")) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            String account = pod.path("serviceAccountName").asText();
            assertTrue(accounts.add(account), "service account shared: " + account);
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), name(deployment));
            JsonNode serviceAccount = chart.get("ServiceAccount", account);
            assertFalse(serviceAccount.path("automountServiceAccountToken").asBoolean(true), account);
            assertEquals(service(deployment), service(serviceAccount));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void selectorsMatchExactlyTheirServicesPods(String environment) {
        Rendered chart = rendered(environment);
        for (JsonNode deployment : chart.ofKind("Deployment")) {
            JsonNode selector = deployment.path("spec").path("selector");
            assertTrue(selects(selector, podLabels(deployment)), name(deployment) + " selector misses its pods");
            assertEquals(List.of(deployment), chart.deploymentsSelectedBy(selector), name(deployment));
        }
        for (String kind : List.of("Service", "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor")) {
            for (JsonNode object : chart.ofKind(kind)) {
                if (name(object).equals(RELEASE + "-default-deny")) {
                    continue;
                }
                JsonNode selector = switch (kind) {
                    case "Service" -> object.path("spec").path("selector");
                    case "NetworkPolicy" -> object.path("spec").path("podSelector");
                    default -> object.path("spec").path("selector");
                };
                if (kind.equals("ServiceMonitor")) {
                    // a ServiceMonitor selects Services by their labels
                    JsonNode svc = chart.get("Service", name(object));
                    assertTrue(selects(selector, Rendered.labels(svc.path("metadata").path("labels"))), name(object));
                    continue;
                }
                List<JsonNode> selected = chart.deploymentsSelectedBy(selector);
                assertEquals(1, selected.size(), kind + " " + name(object) + " selects " + selected.size() + " Deployments");
                assertEquals(service(object), service(selected.get(0)), kind + " " + name(object));
            }
        }
        for (JsonNode hpa : chart.ofKind("HorizontalPodAutoscaler")) {
            JsonNode target = hpa.path("spec").path("scaleTargetRef");
            assertEquals("Deployment", target.path("kind").asText());
            JsonNode deployment = chart.get("Deployment", target.path("name").asText());
            assertTrue(deployment.path("spec").path("replicas").isMissingNode(),
                    name(deployment) + " fixes replicas although an autoscaler owns them");
            assertTrue(hpa.path("spec").path("minReplicas").asInt() >= 1, name(hpa));
        }
        JsonNode defaultDeny = chart.get("NetworkPolicy", RELEASE + "-default-deny");
        assertEquals(chart.ofKind("Deployment").size(),
                chart.deploymentsSelectedBy(defaultDeny.path("spec").path("podSelector")).size(),
                "default deny must cover every pod of the release");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void secretsAreReferencedOnlyByThePodsThatNeedThem(String environment) {
        Rendered chart = rendered(environment);
        assertTrue(chart.ofKind("Secret").isEmpty(), "the chart must not carry a Secret");
        for (JsonNode deployment : chart.ofKind("Deployment")) {
            String svc = service(deployment);
            Map<String, JsonNode> env = env(deployment);
            for (Map.Entry<String, JsonNode> entry : env.entrySet()) {
                JsonNode secretRef = entry.getValue().at("/valueFrom/secretKeyRef");
                if (!secretRef.isMissingNode()) {
                    // the platform's Secret, the service's own Kafka login (its KafkaUser's Secret), Redis's password
                    String expected = switch (entry.getKey()) {
                        case "KAFKA_SASL_JAAS_CONFIG" -> "kafka-user-" + svc;
                        case "QUARKUS_REDIS_PASSWORD" -> "redis-auth";
                        default -> "tenancy-core-secrets";
                    };
                    assertEquals(expected, secretRef.path("name").asText(), svc + " " + entry.getKey());
                } else if (entry.getKey().matches(".*(SECRET|PASSWORD|TOKEN|ENCRYPTION_KEY|WEBHOOK).*")) {
                    fail(svc + " sets " + entry.getKey() + " as a literal value, not a Secret reference");
                }
            }
            boolean security = svc.equals("security-service");
            assertEquals(security, env.containsKey("ENCRYPTION_KEY"), svc + ": ENCRYPTION_KEY");
            assertEquals(security, env.containsKey("ENCRYPTION_KEY_PREVIOUS"), svc + ": ENCRYPTION_KEY_PREVIOUS");
            assertEquals(security, env.containsKey("TENANCY_ADMIN_SECRET"), svc + ": TENANCY_ADMIN_SECRET");
            assertEquals(security, env.keySet().stream().anyMatch(k -> k.startsWith("TENANCY_BOOTSTRAP_SERVICE_CLIENTS_")),
                    svc + ": other services' client secrets");
            assertEquals(svc.equals("alert-service"), env.containsKey("SLACK_WEBHOOK"), svc + ": SLACK_WEBHOOK");
            if (!security) {
                String ownKey = "SERVICE_CLIENT_SECRET_" + svc.toUpperCase().replace('-', '_');
                assertEquals(ownKey, env.get("TENANCY_SERVICE_CLIENT_SECRET").at("/valueFrom/secretKeyRef/key").asText(),
                        svc + " must get its own client secret only");
                assertEquals("remote", env.get("TENANCY_RBAC_PROVIDER").path("value").asText(), svc);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void servicesReachKafkaOverTlsWithTheirOwnLoginAndRedisWithItsPassword(String environment) {
        Rendered chart = rendered(environment);
        for (JsonNode deployment : chart.ofKind("Deployment")) {
            String svc = service(deployment);
            Map<String, JsonNode> env = env(deployment);
            assertTrue(env.get("KAFKA_BOOTSTRAP_SERVERS").path("value").asText().endsWith(":9093"),
                    svc + ": the TLS listener of k8s/base");
            assertEquals("SASL_SSL", env.get("KAFKA_SECURITY_PROTOCOL").path("value").asText(), svc);
            assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM").path("value").asText(), svc);
            assertEquals("sasl.jaas.config", env.get("KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/key")
                    .asText(), svc);
            assertEquals("false", env.get("TENANCY_MESSAGING_PROVISION_TOPICS").path("value").asText(),
                    svc + ": the KafkaUsers may not create topics");
            assertEquals("tenancy-cluster-ca-cert", secretMountedAt(deployment,
                    env.get("KAFKA_SSL_TRUSTSTORE_LOCATION").path("value").asText()), svc + ": the Kafka cluster CA");
            assertEquals("password", env.get("QUARKUS_REDIS_PASSWORD").at("/valueFrom/secretKeyRef/key").asText(), svc);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void servicesReachRedisOverTlsWhereTheOverlayServesIt(String environment) {
        boolean tls = environment.equals("staging") || environment.equals("prod"); // k8s/overlays with redis-tls
        for (JsonNode deployment : rendered(environment).ofKind("Deployment")) {
            String svc = service(deployment);
            Map<String, JsonNode> env = env(deployment);
            String hosts = env.get("QUARKUS_REDIS_HOSTS").path("value").asText();
            if (tls) {
                assertEquals("rediss://redis:6379", hosts, svc);
                assertEquals("redis", env.get("QUARKUS_REDIS_TLS_CONFIGURATION_NAME").path("value").asText(), svc);
                assertEquals("HTTPS", env.get("QUARKUS_TLS_REDIS_HOSTNAME_VERIFICATION_ALGORITHM").path("value")
                        .asText(), svc + ": the Vert.x client refuses TLS without a verification algorithm");
                assertEquals("redis-tls", secretMountedAt(deployment,
                        env.get("QUARKUS_TLS_REDIS_TRUST_STORE_PEM_CERTS").path("value").asText()), svc);
            } else {
                assertEquals("redis://redis:6379", hosts, svc);
                assertFalse(env.containsKey("QUARKUS_REDIS_TLS_CONFIGURATION_NAME"), svc);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void podsTalkHttpsToEachOtherWhereTheEnvironmentTurnsInternalTlsOn(String environment) {
        boolean tls = environment.equals("staging") || environment.equals("prod");
        Rendered chart = rendered(environment);
        for (JsonNode deployment : chart.ofKind("Deployment")) {
            String svc = service(deployment);
            Map<String, JsonNode> env = env(deployment);
            assertEquals(tls, env.get("QUARKUS_PROFILE").path("value").asText().endsWith(",internal-tls"), svc);
            env.forEach((name, variable) -> {
                if (name.matches("TENANCY_[A-Z_]+_SERVICE_URL")) {
                    assertTrue(variable.path("value").asText().startsWith(tls ? "https://" : "http://"),
                            svc + " " + name);
                }
            });
            if (tls) {
                String dir = env.get("TENANCY_TLS_DIR").path("value").asText();
                assertEquals(RELEASE + "-internal-tls", secretMountedAt(deployment, dir + "/tls.crt"), svc);
                // probes keep plain HTTP on the management port
                assertFalse(container(deployment).path("readinessProbe").path("httpGet").has("scheme"), svc);
            } else {
                assertFalse(env.containsKey("TENANCY_TLS_DIR"), svc);
            }
        }
        assertEquals(tls, chart.find("Certificate", RELEASE + "-internal-tls").isPresent(), "cert-manager Certificate");
        if (tls) {
            JsonNode certificate = chart.get("Certificate", RELEASE + "-internal-tls");
            assertEquals(RELEASE + "-internal-tls", certificate.at("/spec/secretName").asText());
            List<String> dnsNames = new ArrayList<>();
            certificate.at("/spec/dnsNames").forEach(name -> dnsNames.add(name.asText()));
            for (String service : SERVICES) {
                assertTrue(dnsNames.contains(RELEASE + "-" + service), service + " is not in the certificate");
            }
            for (JsonNode ingress : chart.ofKind("Ingress")) {
                assertEquals("HTTPS", ingress.at("/metadata/annotations")
                        .path("nginx.ingress.kubernetes.io/backend-protocol").asText(), "the gateway speaks HTTPS");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void redisClusterModeSwitchesEveryServiceToTheClusterClientOverEverySeedNode() {
        Rendered cluster = ChartRenderer.render(RELEASE, "prod", Map.of("redis.cluster.enabled", true,
                "redis.hosts", "redis://redis-0.redis:6379,redis://redis-1.redis:6379"));
        for (JsonNode deployment : cluster.ofKind("Deployment")) {
            Map<String, JsonNode> env = env(deployment);
            assertEquals("cluster", env.get("QUARKUS_REDIS_CLIENT_TYPE").path("value").asText(), service(deployment));
            assertEquals("rediss://redis-0.redis:6379,rediss://redis-1.redis:6379",
                    env.get("QUARKUS_REDIS_HOSTS").path("value").asText(), service(deployment) + ": TLS on every node");
        }
        for (JsonNode deployment : rendered("prod").ofKind("Deployment")) {
            assertFalse(env(deployment).containsKey("QUARKUS_REDIS_CLIENT_TYPE"), service(deployment)
                    + ": standalone unless asked");
        }
    }

    /** The Secret whose volume is mounted at the directory of {@code file} in the deployment's container. */
    private static String secretMountedAt(JsonNode deployment, String file) {
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        String volumeName = null;
        for (JsonNode mount : pod.path("containers").get(0).path("volumeMounts")) {
            if (file.startsWith(mount.path("mountPath").asText() + "/")) {
                volumeName = mount.path("name").asText();
            }
        }
        assertNotNull(volumeName, service(deployment) + ": nothing is mounted where " + file + " is read");
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(volumeName)) {
                return volume.at("/secret/secretName").asText();
            }
        }
        throw new AssertionError(service(deployment) + ": no volume " + volumeName);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void coreYamlIsTheEnvironmentsFileUnchanged(String environment) throws IOException {
        Rendered chart = rendered(environment);
        String env = environment.equals("base") ? "prod" : environment;
        JsonNode configMap = chart.get("ConfigMap", RELEASE + "-core-config");
        assertEquals(Files.readString(RepoPaths.coreConfig(env)), configMap.path("data").path("core.yaml").asText(),
                "the chart's core.yaml must be config/environments/" + env + "/core.yaml");
        for (JsonNode deployment : chart.ofKind("Deployment")) {
            assertEquals(env, env(deployment).get("TENANCY_ENVIRONMENT").path("value").asText());
            assertTrue(container(deployment).path("volumeMounts").findValuesAsText("mountPath")
                    .contains("/deployments/config/" + env), name(deployment));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void onlyTheGatewayIsReachableThroughTheIngress(String environment) {
        Rendered chart = rendered(environment);
        for (JsonNode ingress : chart.ofKind("Ingress")) {
            assertFalse(ingress.path("spec").path("ingressClassName").asText().isEmpty(), "ingress class");
            for (JsonNode backend : ingress.findValues("backend")) {
                String target = backend.at("/service/name").asText();
                assertEquals(RELEASE + "-event-gateway", target, "Ingress backend");
                JsonNode gateway = chart.get("Service", target);
                assertTrue(gateway.path("spec").path("ports").findValuesAsText("name")
                        .contains(backend.at("/service/port/name").asText()), "Ingress backend port");
                assertEquals("http", backend.at("/service/port/name").asText(), "the API port, never management");
            }
            for (JsonNode tls : ingress.path("spec").path("tls")) {
                assertFalse(tls.path("secretName").asText().isEmpty(), "TLS secret name");
                for (JsonNode host : tls.path("hosts")) {
                    assertTrue(ingress.path("spec").path("rules").findValuesAsText("host").contains(host.asText()),
                            "TLS host " + host + " is not served");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void serviceMonitorsScrapeTheManagementPort(String environment) {
        Rendered chart = rendered(environment);
        for (JsonNode monitor : chart.ofKind("ServiceMonitor")) {
            JsonNode svc = chart.get("Service", name(monitor));
            JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
            assertEquals("/q/metrics", endpoint.path("path").asText(), name(monitor));
            String portName = endpoint.path("port").asText();
            JsonNode port = findPort(svc.path("spec"), portName);
            assertEquals(MANAGEMENT_PORT, port.path("port").asInt(), name(monitor) + " scrapes " + portName);
            JsonNode deployment = chart.deploymentsSelectedBy(svc.path("spec").path("selector")).get(0);
            assertEquals(MANAGEMENT_PORT, findPort(container(deployment), port.path("targetPort").asText())
                    .path("containerPort").asInt(), name(monitor));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void disruptionBudgetsExistExactlyWhereMoreThanOnePodRuns(String environment) {
        Rendered chart = rendered(environment);
        for (JsonNode deployment : chart.ofKind("Deployment")) {
            int pods = chart.find("HorizontalPodAutoscaler", name(deployment))
                    .map(hpa -> hpa.path("spec").path("minReplicas").asInt())
                    .orElseGet(() -> deployment.path("spec").path("replicas").asInt());
            assertEquals(pods > 1, chart.find("PodDisruptionBudget", name(deployment)).isPresent(),
                    name(deployment) + " runs " + pods + " pod(s)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void serviceUrlsNameThisReleasesServicesAndPoliciesAllowTheCalls(String environment) {
        Rendered chart = rendered(environment);
        for (JsonNode deployment : chart.ofKind("Deployment")) {
            String caller = service(deployment);
            JsonNode policy = chart.get("NetworkPolicy", name(deployment));
            Map<String, JsonNode> env = env(deployment);
            assertTrue(env.containsKey("TENANCY_SECURITY_SERVICE_URL"), caller + " needs the JWKS of security-service");
            for (Map.Entry<String, JsonNode> entry : env.entrySet()) {
                if (!entry.getKey().matches("TENANCY_[A-Z_]+_SERVICE(_OPENAPI)?_URL")) {
                    continue;
                }
                java.net.URI url = java.net.URI.create(entry.getValue().path("value").asText());
                JsonNode svc = chart.get("Service", url.getHost());
                assertTrue(svc.path("spec").path("ports").findValuesAsText("port").contains(
                        Integer.toString(url.getPort())), entry.getKey() + " port " + url.getPort());
                JsonNode callee = chart.deploymentsSelectedBy(svc.path("spec").path("selector")).get(0);
                assertTrue(egressAllows(policy, podLabels(callee), url.getPort()),
                        caller + "'s network policy blocks " + entry.getKey());
                JsonNode calleePolicy = chart.get("NetworkPolicy", name(callee));
                assertTrue(ingressAllows(calleePolicy, podLabels(deployment), url.getPort()),
                        service(callee) + "'s network policy refuses " + caller + " on " + url.getPort());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void networkPoliciesOpenOnlyWhatEachServiceNeeds(String environment) {
        Rendered chart = rendered(environment);
        JsonNode defaultDeny = chart.get("NetworkPolicy", RELEASE + "-default-deny");
        assertEquals("[\"Ingress\",\"Egress\"]", defaultDeny.path("spec").path("policyTypes").toString());
        assertTrue(defaultDeny.path("spec").path("ingress").isMissingNode());
        assertTrue(defaultDeny.path("spec").path("egress").isMissingNode());
        for (JsonNode deployment : chart.ofKind("Deployment")) {
            String svc = service(deployment);
            JsonNode policy = chart.get("NetworkPolicy", name(deployment));
            int apiPort = findPort(container(deployment), "http").path("containerPort").asInt();
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                assertFalse(rule.path("from").isMissingNode() || rule.path("from").isEmpty(),
                        svc + " takes traffic from anywhere");
                assertFalse(rule.path("ports").isMissingNode(), svc + " opens every port");
                for (JsonNode peer : rule.path("from")) {
                    if (peer.has("namespaceSelector")) {
                        boolean monitoring = peer.toString().contains("monitoring");
                        List<String> ports = rule.path("ports").findValuesAsText("port");
                        if (monitoring) {
                            assertEquals(List.of(Integer.toString(MANAGEMENT_PORT)), ports,
                                    svc + ": monitoring only to the management port");
                        } else {
                            assertEquals("event-gateway", svc, svc + " is reachable from another namespace");
                            assertEquals(List.of(Integer.toString(apiPort)), ports, "ingress controller: API port");
                        }
                    }
                }
            }
            for (JsonNode rule : policy.path("spec").path("egress")) {
                assertFalse(rule.path("to").isMissingNode() || rule.path("to").isEmpty(), svc + " may reach anywhere");
                assertFalse(rule.path("ports").isMissingNode(), svc + " may reach every port");
            }
            String kafka = policy.path("spec").path("egress").toString();
            assertTrue(kafka.contains("strimzi.io/cluster"), svc + " cannot reach Kafka");
            assertTrue(kafka.contains("\"port\":53"), svc + " cannot resolve names");
        }
    }

    static JsonNode findPort(JsonNode holder, String name) {
        for (JsonNode port : holder.path("ports")) {
            if (name.equals(port.path("name").asText())) {
                return port;
            }
        }
        throw new AssertionError("no port named " + name + " in " + holder.path("ports"));
    }

    /** Whether a policy's egress lets its pods reach pods with these labels (same namespace) on this port. */
    static boolean egressAllows(JsonNode policy, Map<String, String> target, int port) {
        return allows(policy.path("spec").path("egress"), "to", target, port);
    }

    static boolean ingressAllows(JsonNode policy, Map<String, String> source, int port) {
        return allows(policy.path("spec").path("ingress"), "from", source, port);
    }

    private static boolean allows(JsonNode rules, String peersField, Map<String, String> peerLabels, int port) {
        for (JsonNode rule : rules) {
            boolean portOpen = rule.path("ports").findValuesAsText("port").contains(Integer.toString(port));
            for (JsonNode peer : rule.path(peersField)) {
                if (portOpen && peer.has("podSelector") && !peer.has("namespaceSelector")
                        && selects(peer.path("podSelector"), peerLabels)) {
                    return true;
                }
            }
        }
        return false;
    }
}
