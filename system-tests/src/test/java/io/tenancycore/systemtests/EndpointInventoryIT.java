package io.tenancycore.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every HTTP operation of every service either declares the permission it needs ({@code @RequiresPermission}) or is
 * on the short public list below with its reason; and every tenant in a path is the {@code {tenantId}} parameter
 * that commons checks (pattern, isolation, status). Read from the services' compiled classes, so a new endpoint
 * without a guard fails the build.
 */
class EndpointInventoryIT {

    private static final DotName REQUIRES_PERMISSION = DotName.createSimple(
            "io.tenancycore.commons.permission.RequiresPermission");
    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName IF_BUILD_PROFILE = DotName.createSimple("io.quarkus.arc.profile.IfBuildProfile");
    private static final Set<DotName> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD").stream()
            .map(verb -> DotName.createSimple("jakarta.ws.rs." + verb))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*([A-Za-z0-9_]+)\\s*(?::[^}]*)?}");

    /** Operations anyone may call, each for a reason a reviewer can check. */
    private static final Map<String, String> PUBLIC = Map.of(
            "io.tenancycore.security.token.TokenResource#token",
            "the OAuth2 token endpoint: the client authenticates with its credentials in the body",
            "io.tenancycore.security.token.JwksResource#jwks",
            "public keys every service verifies tokens with",
            "io.tenancycore.security.token.DiscoveryResource#discovery",
            "the OpenID-style discovery document: where the token endpoint and the JWKS are",
            "io.tenancycore.gateway.openapi.OpenApiResource#document",
            "the platform's API description, as public as the API it describes");

    private static final Set<String> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static volatile Set<String> catalogue;

    /** What roles may grant, as the running security-service lists it. */
    private static Set<String> catalogue() {
        if (catalogue == null) {
            List<String> names = io.restassured.RestAssured.given().auth().oauth2(SuiteTokens.platformAdmin())
                    .queryParam("limit", 500).get(SuiteTokens.SECURITY.baseUrl() + "/v1/permissions")
                    .then().statusCode(200).extract().jsonPath().getList("items.name", String.class);
            catalogue = Set.copyOf(names);
        }
        return catalogue;
    }

    static Stream<String> modules() {
        return Stream.of("event-gateway", "config-service", "security-service", "alert-service", "template-service",
                "workflow-service");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void everyOperationIsGuardedAndEveryTenantInAPathIsChecked(String module) throws IOException {
        Index index = indexOf(Path.of("..", module, "target", "classes"));
        List<String> unguarded = new ArrayList<>();
        List<String> uncheckedTenants = new ArrayList<>();
        List<String> uncatalogued = new ArrayList<>();
        for (ClassInfo type : index.getKnownClasses()) {
            if (type.declaredAnnotation(IF_BUILD_PROFILE) != null || java.lang.reflect.Modifier.isInterface(type.flags())) {
                continue; // benchmark-only resources are not in the production build; interfaces are REST clients
            }
            boolean classGuarded = type.declaredAnnotation(REQUIRES_PERMISSION) != null;
            for (AnnotationInstance guard : type.annotations(REQUIRES_PERMISSION)) {
                String[] permissions = guard.value() == null ? new String[0] : guard.value().asStringArray();
                for (String permission : permissions) {
                    if (!catalogue().contains(permission)) {
                        uncatalogued.add(type.name() + " " + permission);
                    }
                }
            }
            String classPath = value(type.declaredAnnotation(PATH));
            for (MethodInfo method : type.methods()) {
                if (method.annotations().stream().noneMatch(a -> a.target() != null
                        && a.target().kind() == org.jboss.jandex.AnnotationTarget.Kind.METHOD
                        && HTTP_METHODS.contains(a.name()))) {
                    continue;
                }
                String operation = type.name() + "#" + method.name();
                SEEN.add(operation);
                if (!classGuarded && method.annotation(REQUIRES_PERMISSION) == null && !PUBLIC.containsKey(operation)) {
                    unguarded.add(operation);
                }
                String path = classPath + "/" + value(method.annotation(PATH));
                Matcher variables = TEMPLATE.matcher(path);
                while (variables.find()) {
                    String name = variables.group(1);
                    if (name.toLowerCase(java.util.Locale.ROOT).contains("tenant") && !name.equals("tenantId")) {
                        uncheckedTenants.add(operation + " {" + name + "}");
                    }
                }
            }
        }
        assertEquals(List.of(), unguarded, module + ": operations without @RequiresPermission or a public reason");
        assertEquals(List.of(), uncheckedTenants, module + ": tenant path parameters commons does not check");
        // a role can only grant catalogued permissions: an uncatalogued guard would be an endpoint no tenant role opens
        assertEquals(List.of(), uncatalogued, module + ": @RequiresPermission names missing from PermissionCatalog");
    }

    @org.junit.jupiter.api.AfterAll
    static void everyPublicEntryNamesARealOperation() {
        Set<String> stale = new TreeSet<>(PUBLIC.keySet());
        stale.removeAll(SEEN);
        assertEquals(Set.of(), stale, "public-list entries that name no operation (renamed or removed?)");
    }

    private static String value(AnnotationInstance annotation) {
        return annotation == null || annotation.value() == null ? "" : annotation.value().asString();
    }

    private static Index indexOf(Path classes) throws IOException {
        assertTrue(Files.isDirectory(classes), classes + " is missing: build the services first (./suite test does)");
        Indexer indexer = new Indexer();
        Set<Path> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            walk.filter(file -> file.toString().endsWith(".class")).forEach(files::add);
        }
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                indexer.index(in);
            }
        }
        return indexer.complete();
    }
}
