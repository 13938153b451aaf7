package io.tenancycore.template.api;

import io.quarkus.redis.datasource.RedisDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Tenant ids unique to one test run, and removal of exactly their keys afterwards (never FLUSHALL). */
final class TestTenants {

    private final List<String> issued = new ArrayList<>();

    String fresh(String purpose) {
        String tenant = "tpl-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
        issued.add(tenant);
        return tenant;
    }

    void cleanUp(RedisDataSource redis) {
        for (String tenant : issued) {
            List<String> keys = redis.key().keys("template:{" + tenant + "}:*");
            if (!keys.isEmpty()) {
                redis.key().del(keys.toArray(String[]::new));
            }
        }
    }
}
