package io.tenancycore.template.catalog;

import io.tenancycore.template.model.TemplateDraft;
import io.tenancycore.template.support.BuiltinResources;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tenancycore.template.catalog.TemplateVersion.Source;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The templates that ship with the service ({@code builtin/templates/<name>.yaml}, listed in {@code index.txt}),
 * available to every tenant until it overrides them.
 */
public final class BuiltinTemplates {

    private static final String DIRECTORY = "builtin/templates/";

    private final Map<String, TemplateVersion> templates;

    private BuiltinTemplates(Map<String, TemplateVersion> templates) {
        this.templates = Collections.unmodifiableMap(templates);
    }

    public static BuiltinTemplates load() {
        YAMLMapper yaml = YAMLMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        // SnakeYAML resolves the anchors (&content / *content) that let locales share one body; Jackson's parser does not
        Yaml anchors = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, TemplateVersion> loaded = new LinkedHashMap<>();
        for (String name : BuiltinResources.lines(DIRECTORY + "index.txt")) {
            try (InputStream in = BuiltinResources.open(DIRECTORY + name + ".yaml")) {
                TemplateDraft draft = yaml.convertValue(anchors.load(in), TemplateDraft.class);
                loaded.put(name, TemplateVersion.of(name, TemplateVersion.BUILTIN_VERSION, Source.builtin, draft,
                        null, "tenancy-core", null));
            } catch (IOException e) {
                throw new UncheckedIOException("built-in template " + name + " is unreadable", e);
            }
        }
        return new BuiltinTemplates(loaded);
    }

    public Optional<TemplateVersion> find(String name) {
        return Optional.ofNullable(templates.get(name));
    }

    public Map<String, TemplateVersion> all() {
        return templates;
    }

    /** Classpath access shared with the built-in message bundles. */
}
