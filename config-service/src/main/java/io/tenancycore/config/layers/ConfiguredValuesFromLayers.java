package io.tenancycore.config.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tenancycore.config.schema.ConfiguredValues;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tenant's merged views (without environment, then each environment), secrets left out. */
@ApplicationScoped
public class ConfiguredValuesFromLayers implements ConfiguredValues {

    private final ConfigService config;

    public ConfiguredValuesFromLayers(ConfigService config) {
        this.config = config;
    }

    @Override
    public Uni<Map<String, Map<String, JsonNode>>> plainViews(String tenantId) {
        List<Layer> views = config.allTenantLayers();
        List<Uni<EffectiveConfig>> reads = new ArrayList<>();
        views.forEach(view -> reads.add(config.effective(tenantId, view.environment())));
        return Uni.join().all(reads).andFailFast().map(effective -> {
            Map<String, Map<String, JsonNode>> byView = new LinkedHashMap<>();
            for (int i = 0; i < views.size(); i++) {
                Map<String, JsonNode> plain = new LinkedHashMap<>();
                effective.get(i).entries().forEach((key, entry) -> {
                    if (!entry.secret()) {
                        plain.put(key, entry.value());
                    }
                });
                byView.put(views.get(i).id(), plain);
            }
            return byView;
        });
    }
}
