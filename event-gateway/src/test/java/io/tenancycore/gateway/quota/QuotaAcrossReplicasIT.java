package io.tenancycore.gateway.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.gateway.testing.FakeServices;
import io.tenancycore.gateway.testing.GatewayProfile;
import io.tenancycore.gateway.testing.GatewayReplica;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two gateway replicas (this test's and a packaged one in its own JVM) enforce one tenant quota together, exactly. */
@QuarkusTest
@TestProfile(GatewayProfile.class)
class QuotaAcrossReplicasIT {

    private static GatewayReplica replicaB;

    @TestHTTPResource("/")
    URL replicaA;

    @BeforeAll
    static void startSecondReplica() {
        replicaB = GatewayReplica.start("quota-b");
    }

    @AfterAll
    static void stopSecondReplica() {
        replicaB.close();
    }

    @Test
    void concurrentCallsThroughBothReplicasGetExactlyTheQuota() {
        String tenant = "small" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String token = TestTokens.tenantUser(tenant);
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 3 * FakeServices.SMALL_QUOTA; i++) {
            String base = i % 2 == 0 ? replicaA.toString().replaceAll("/$", "") : replicaB.baseUrl();
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/config/v1/tenants/" + tenant
                    + "/config")).header("Authorization", "Bearer " + token).build();
            calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode));
        }
        Map<Integer, Long> statuses = calls.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(Map.of(200, (long) FakeServices.SMALL_QUOTA, 429, 2L * FakeServices.SMALL_QUOTA), statuses);
    }
}
