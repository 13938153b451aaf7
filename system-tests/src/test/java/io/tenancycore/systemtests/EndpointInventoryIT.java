package io.tenancycore.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
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
        return CompiledOperations.MODULES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void everyOperationIsGuardedAndEveryTenantInAPathIsChecked(String module) throws IOException {
        List<String> unguarded = new ArrayList<>();
        List<String> uncheckedTenants = new ArrayList<>();
        List<String> uncatalogued = new ArrayList<>();
        Index index = CompiledOperations.index(module);
        for (AnnotationInstance guard : index.getAnnotations(REQUIRES_PERMISSION)) {
            ClassInfo declaring = guard.target().kind() == org.jboss.jandex.AnnotationTarget.Kind.CLASS
                    ? guard.target().asClass() : guard.target().asMethod().declaringClass();
            if (!CompiledOperations.isServed(declaring)) {
                continue;
            }
            String[] permissions = guard.value() == null ? new String[0] : guard.value().asStringArray();
            for (String permission : permissions) {
                if (!catalogue().contains(permission)) {
                    uncatalogued.add(declaring.name() + " " + permission);
                }
            }
        }
        for (CompiledOperations.Operation operation : CompiledOperations.of(index)) {
            ClassInfo type = operation.type();
            boolean classGuarded = type.declaredAnnotation(REQUIRES_PERMISSION) != null;
            SEEN.add(operation.id());
            if (!classGuarded && operation.method().annotation(REQUIRES_PERMISSION) == null
                    && !PUBLIC.containsKey(operation.id())) {
                unguarded.add(operation.id());
            }
            Matcher variables = CompiledOperations.TEMPLATE.matcher(operation.path());
            while (variables.find()) {
                String name = variables.group(1);
                if (name.toLowerCase(java.util.Locale.ROOT).contains("tenant") && !name.equals("tenantId")) {
                    uncheckedTenants.add(operation.id() + " {" + name + "}");
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
}
