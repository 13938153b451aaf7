package io.tenancycore.commons.tenantstatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedTenantDirectoryTest {

    private final Map<String, TenantStatus> registry = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile boolean registryDown;

    private final CachedTenantDirectory directory = new CachedTenantDirectory(tenant -> {
        lookups.incrementAndGet();
        if (registryDown) {
            return Uni.createFrom().failure(new java.net.ConnectException("config-service down"));
        }
        return Uni.createFrom().item(profile(registry.getOrDefault(tenant, TenantStatus.UNKNOWN)));
    }, config(Duration.ofMinutes(5)));

    @Test
    void aStatusIsLookedUpOnceThenServedFromMemory() {
        registry.put("acme", TenantStatus.ACTIVE);
        assertEquals(TenantStatus.ACTIVE, status("acme"));
        assertEquals(TenantStatus.ACTIVE, status("acme"));
        assertEquals(1, lookups.get());
    }

    @Test
    void concurrentFirstUsesOfATenantShareOneRegistryRead() throws Exception {
        java.util.concurrent.CompletableFuture<TenantProfile> answer = new java.util.concurrent.CompletableFuture<>();
        AtomicInteger slowLookups = new AtomicInteger();
        CachedTenantDirectory cold = new CachedTenantDirectory(tenant -> {
            slowLookups.incrementAndGet();
            return Uni.createFrom().completionStage(answer);
        }, config(Duration.ofMinutes(5)));
        java.util.List<java.util.concurrent.CompletableFuture<TenantProfile>> callers = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            callers.add(cold.profileOf("acme").subscribeAsCompletionStage());
        }
        answer.complete(profile(TenantStatus.ACTIVE));
        for (var caller : callers) {
            assertEquals(TenantStatus.ACTIVE, caller.get(5, java.util.concurrent.TimeUnit.SECONDS).status());
        }
        assertEquals(1, slowLookups.get(), "one registry read for the burst");
        // once answered, the next use is served from memory, and a later miss reads again
        assertEquals(TenantStatus.ACTIVE, cold.profileOf("acme").await().indefinitely().status());
        assertEquals(1, slowLookups.get());
    }

    @Test
    void aFailedSharedReadIsNotKeptForTheNextCaller() {
        registryDown = true;
        assertThrows(ProblemException.class, () -> status("acme"));
        registryDown = false;
        registry.put("acme", TenantStatus.ACTIVE);
        assertEquals(TenantStatus.ACTIVE, status("acme"));
        assertEquals(2, lookups.get());
    }

    @Test
    void aSuspensionEventTakesEffectWithoutWaitingForTheCacheToExpire() {
        registry.put("acme", TenantStatus.ACTIVE);
        assertEquals(TenantStatus.ACTIVE, status("acme"));
        directory.onTenantEvent(event("io.tenancycore.tenant.suspended", "acme")).await().indefinitely();
        assertEquals(TenantStatus.SUSPENDED, status("acme"));
        directory.onTenantEvent(event("io.tenancycore.tenant.activated", "acme")).await().indefinitely();
        assertEquals(TenantStatus.ACTIVE, status("acme"));
        assertEquals(1, lookups.get());
    }

    @Test
    void anUpdateEventMakesTheNextUseReadTheRegistryAgain() {
        registry.put("acme", TenantStatus.ACTIVE);
        status("acme");
        registry.put("acme", TenantStatus.SUSPENDED);
        directory.onTenantEvent(event("io.tenancycore.tenant.updated", "acme")).await().indefinitely();
        assertEquals(TenantStatus.SUSPENDED, status("acme"));
        assertEquals(2, lookups.get());
    }

    @Test
    void whenTheRegistryIsDownTheLastKnownStatusIsUsedAndWithoutOneTheAnswerIs503() {
        CachedTenantDirectory shortLived = new CachedTenantDirectory(tenant -> {
            if (registryDown) {
                return Uni.createFrom().failure(new java.net.ConnectException("down"));
            }
            return Uni.createFrom().item(profile(TenantStatus.SUSPENDED));
        }, config(Duration.ofMillis(1)));
        assertEquals(TenantStatus.SUSPENDED, shortLived.statusOf("acme").await().indefinitely());
        registryDown = true;
        sleep(5);
        assertEquals(TenantStatus.SUSPENDED, shortLived.statusOf("acme").await().indefinitely());
        ProblemException unavailable = assertThrows(ProblemException.class,
                () -> shortLived.statusOf("never-seen").await().indefinitely());
        assertEquals(503, unavailable.status());
    }

    @Test
    void featuresAndQuotaComeWithTheStatusAndSurviveAStatusEvent() {
        registry.put("acme", TenantStatus.ACTIVE);
        TenantProfile profile = directory.profileOf("acme").await().indefinitely();
        assertTrue(profile.hasFeature("analytics"));
        assertFalse(profile.hasFeature("data_export"));
        assertEquals(2_500_000_000L, profile.storageQuota().getAsLong());
        directory.onTenantEvent(event("io.tenancycore.tenant.suspended", "acme")).await().indefinitely();
        TenantProfile suspended = directory.profileOf("acme").await().indefinitely();
        assertEquals(TenantStatus.SUSPENDED, suspended.status());
        assertTrue(suspended.hasFeature("analytics"));
        assertEquals(1, lookups.get());
    }

    @Test
    void theSeedsDocumentGivesFeaturesAndADecimalQuotaInBytes() {
        TenantProfile seed = TenantProfile.fromDocument(Map.of("status", "active", "features",
                java.util.List.of("audio_processing", "analytics"), "storage_quota_gb", 100.0));
        assertEquals(TenantStatus.ACTIVE, seed.status());
        assertTrue(seed.hasFeature("audio_processing"));
        assertFalse(seed.hasFeature("data_export"));
        assertEquals(100_000_000_000L, seed.storageQuota().getAsLong());
        assertTrue(TenantProfile.fromDocument(Map.of("status", "active")).storageQuota().isEmpty());
    }

    private static TenantProfile profile(TenantStatus status) {
        return new TenantProfile(status, Set.of("analytics"), 2_500_000_000L);
    }

    private TenantStatus status(String tenant) {
        return directory.statusOf(tenant).await().indefinitely();
    }

    private static CloudEvent event(String type, String tenant) {
        return CloudEventBuilder.v1().withId(java.util.UUID.randomUUID().toString()).withType(type)
                .withSource(URI.create("/config-service")).withExtension("tenantid", tenant).build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TenantStatusConfig config(Duration ttl) {
        return new TenantStatusConfig() {
            @Override
            public Source source() {
                return Source.REGISTRY;
            }

            @Override
            public Duration cacheTtl() {
                return ttl;
            }

            @Override
            public Duration unknownTtl() {
                return Duration.ofSeconds(5);
            }

            @Override
            public long cacheMaxSize() {
                return 1000;
            }
        };
    }
}
