package io.tenancycore.systemtests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;

/**
 * The HTTP operations a service's compiled classes declare (JAX-RS resources, read with Jandex): what the service
 * really serves, whatever its OpenAPI document says. Benchmark-only resources ({@code @IfBuildProfile}) and REST
 * client interfaces are left out.
 */
final class CompiledOperations {

    static final List<String> MODULES = List.of("event-gateway", "config-service", "security-service", "alert-service",
            "template-service", "workflow-service");

    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName IF_BUILD_PROFILE = DotName.createSimple("io.quarkus.arc.profile.IfBuildProfile");
    private static final Set<String> VERBS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD");
    private static final Set<DotName> HTTP_METHODS = VERBS.stream()
            .map(verb -> DotName.createSimple("jakarta.ws.rs." + verb))
            .collect(Collectors.toUnmodifiableSet());
    /** A path template variable with an optional regular expression: {@code {name}} or {@code {name: regex}}. */
    static final Pattern TEMPLATE = Pattern.compile("\\{\\s*([A-Za-z0-9_]+)\\s*(?::[^}]*)?}");

    private CompiledOperations() {
    }

    /**
     * One operation: {@code id} is {@code class#method}, {@code path} the class and method {@code @Path}s joined as
     * written (template variables may carry a regular expression).
     */
    record Operation(ClassInfo type, MethodInfo method, String verb, String path) {

        String id() {
            return type.name() + "#" + method.name();
        }

        /** The path as an OpenAPI document writes it: single slashes, variables without their expressions. */
        String openApiPath() {
            String plain = TEMPLATE.matcher(path).replaceAll("{$1}").replaceAll("/+", "/");
            return plain.length() > 1 && plain.endsWith("/") ? plain.substring(0, plain.length() - 1) : plain;
        }
    }

    /** The operations of {@code module}, read from its {@code target/classes} (the services must be built). */
    static List<Operation> of(String module) throws IOException {
        return of(index(module));
    }

    /** The classes of {@code module}'s {@code target/classes}. */
    static Index index(String module) throws IOException {
        return indexOf(Path.of("..", module, "target", "classes"));
    }

    static List<Operation> of(Index index) {
        List<Operation> operations = new ArrayList<>();
        for (ClassInfo type : index.getKnownClasses()) {
            if (!isServed(type)) {
                continue;
            }
            String classPath = value(type.declaredAnnotation(PATH));
            for (MethodInfo method : type.methods()) {
                method.annotations().stream()
                        .filter(a -> a.target() != null && a.target().kind() == AnnotationTarget.Kind.METHOD
                                && HTTP_METHODS.contains(a.name()))
                        .findFirst()
                        .ifPresent(verb -> operations.add(new Operation(type, method, verb.name().local(),
                                classPath + "/" + value(method.annotation(PATH)))));
            }
        }
        return operations;
    }

    /** Benchmark-only resources are not in the production build; interfaces are REST clients. */
    static boolean isServed(ClassInfo type) {
        return type.declaredAnnotation(IF_BUILD_PROFILE) == null && !Modifier.isInterface(type.flags());
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
