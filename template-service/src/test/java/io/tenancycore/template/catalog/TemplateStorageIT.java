package io.tenancycore.template.catalog;

import io.tenancycore.template.model.LocalizedContent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.storage.StorageAccount;
import io.tenancycore.commons.storage.StorageQuotaExceeded;
import io.tenancycore.commons.storage.TenantStorage;
import io.tenancycore.commons.tenantstatus.TenantDirectory;
import io.tenancycore.commons.tenantstatus.TenantProfile;
import io.tenancycore.commons.tenantstatus.TenantStatus;
import io.tenancycore.commons.testsupport.Infra;
import io.tenancycore.commons.testsupport.RedisClients;
import io.tenancycore.template.config.TemplateBeans;
import io.tenancycore.template.messages.MessageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stores' scripts keep the tenant's stored-bytes counter and refuse a save over its storage quota (real Redis). */
class TemplateStorageIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Map<String, Long> QUOTAS = new ConcurrentHashMap<>();
    private static RedisClients clients;
    private static ReactiveRedisDataSource redis;
    private static TemplateStore templates;
    private static MessageStore messages;

    @BeforeAll
    static void connect() {
        clients = new RedisClients();
        redis = clients.dataSource(Infra.redisUrl());
        TenantDirectory quotas = tenant -> Uni.createFrom().item(new TenantProfile(TenantStatus.ACTIVE, Set.of(),
                QUOTAS.get(tenant)));
        StorageAccount account = new StorageAccount(TemplateBeans.STORAGE_SERVICE,
                new TenantStorage(quotas, List.of("config", "template")), null);
        templates = new TemplateStore(redis, Infra.mapper(), 2, account);
        messages = new MessageStore(redis, account);
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @Test
    void savesRotationsDeletesAndBundlesMoveTheCounter() {
        String tenant = tenant("usage");
        assertEquals(0, stored(tenant));
        save(tenant, "invoice", "Hello {name}");
        long one = stored(tenant);
        assertTrue(one > "Hello {name}".length(), "the stored JSON counts: " + one);
        save(tenant, "invoice", "x".repeat(3_000));
        long two = stored(tenant);
        assertTrue(two >= one + 3_000, two + " after a 3,000-character version, " + one + " before");
        // two versions are kept: the third save drops the first
        save(tenant, "invoice", "Bye");
        long three = stored(tenant);
        assertTrue(three < two + 200 && three > two - one, three + " after the first version fell out");

        messages.replace(tenant, "fr", Map.of("greeting", "Bonjour " + "!".repeat(500))).await().atMost(TIMEOUT);
        long withBundle = stored(tenant);
        assertTrue(withBundle > three + 500);
        messages.replace(tenant, "fr", Map.of()).await().atMost(TIMEOUT);
        assertEquals(three, stored(tenant), "removing the bundle gives back exactly what it took");

        assertTrue(templates.delete(tenant, "invoice", null).await().atMost(TIMEOUT));
        assertEquals(0, stored(tenant), "nothing stored, nothing counted");
        // deleting what is already gone frees nothing and leaves the counter alone
        assertTrue(!templates.delete(tenant, "invoice", null).await().atMost(TIMEOUT));
        assertEquals(0, stored(tenant));
    }

    @Test
    void aSaveOverTheQuotaIsRefusedAndChangesNothing() {
        String tenant = tenant("quota");
        QUOTAS.put(tenant, 1_500L);
        save(tenant, "invoice", "small");
        long before = stored(tenant);
        StorageQuotaExceeded refused = assertThrows(StorageQuotaExceeded.class,
                () -> save(tenant, "invoice", "y".repeat(2_000)));
        assertEquals("urn:tenancycore:problem:template:storage-quota-exceeded", refused.toProblem("/").type());
        assertEquals(413, refused.status());
        assertEquals(before, stored(tenant));
        assertEquals("small", templates.current(tenant, "invoice").await().atMost(TIMEOUT).orElseThrow().locales()
                .get("en").body());
        assertThrows(StorageQuotaExceeded.class, () -> messages.replace(tenant, "de", Map.of("k", "z".repeat(2_000)))
                .await().atMost(TIMEOUT));
        assertTrue(messages.bundle(tenant, "de").await().atMost(TIMEOUT).isEmpty());
        save(tenant, "receipt", "fits too");
        assertTrue(stored(tenant) > before);
    }

    private static void save(String tenant, String name, String body) {
        templates.save(tenant, new TemplateVersion(name, 0, TemplateVersion.Source.tenant, null, "text/plain",
                List.of(), Map.of("en", new LocalizedContent(null, body)), Instant.now(), "tester", null), null)
                .await().atMost(TIMEOUT);
    }

    private static long stored(String tenant) {
        Long bytes = redis.value(Long.class).get(TenantStorage.usageKey("template", tenant)).await().atMost(TIMEOUT);
        return bytes == null ? 0 : bytes;
    }

    private static String tenant(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
