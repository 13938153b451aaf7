package io.tenancycore.config.tenant;

import static io.tenancycore.config.testing.Fixtures.platform;
import static io.tenancycore.config.testing.Fixtures.uniqueTenant;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.commons.testsupport.RealBroker;
import io.tenancycore.config.support.RedisKeys;
import io.tenancycore.config.testing.FakeSecurityService;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The product specification's own tenant document registers exactly as written (issue #9). */
@QuarkusTest
@TestProfile(RealBroker.class)
@QuarkusTestResource(value = FakeSecurityService.class, restrictToAnnotatedClass = false)
class SeedTenantIT {

    /** Verbatim from the specification: no plan, a decimal storage quota, its own features. */
    private static final String SEED = """
            {"tenant_id":"acme_corp","name":"ACME Corporation","email":"admin@acme.com","api_quota_per_hour":5000,\
            "storage_quota_gb":100.0,"features":["audio_processing","analytics"]}""";

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void forgetTheSeedTenant() {
        // its id is fixed by the specification, so an earlier run's registration is removed first
        redis.key().del(RedisKeys.tenant("acme_corp"));
        redis.sortedSet(String.class).zrem(RedisKeys.TENANT_INDEX, "acme_corp");
    }

    @Test
    void theSeedDocumentValidatesAndRegisters() {
        platform().contentType("application/json").body(SEED).post("/v1/tenants/validate")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("violations", empty());
        platform().contentType("application/json").body(SEED).post("/v1/tenants")
                .then().statusCode(201)
                .body("tenant_id", equalTo("acme_corp"))
                .body("storage_quota_gb", equalTo(100.0f))
                .body("features", hasItems("audio_processing", "analytics"))
                .body("plan", equalTo("business"))
                .body("status", equalTo("provisioning"));
        platform().get("/v1/tenants/acme_corp").then().statusCode(200).body("plan", equalTo("business"));
    }

    @Test
    void anUnknownFeatureIsRefusedNamingItsPosition() {
        String tenant = uniqueTenant("feat").replace('-', '_');
        String document = SEED.replace("acme_corp", tenant).replace("audio_processing", "teleportation");
        platform().contentType("application/json").body(document).post("/v1/tenants/validate")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("violations.field", equalTo(java.util.List.of("features[0]")));
        platform().contentType("application/json").body(document).post("/v1/tenants")
                .then().statusCode(422)
                .body("type", equalTo("urn:tenancycore:problem:config:invalid-tenant"))
                .body("violations[0].field", equalTo("features[0]"))
                .body("violations[0].code", equalTo("feature"));
    }

    @Test
    void premiumIsAPlanAndHalfAGigabyteAQuota() {
        String tenant = uniqueTenant("premium");
        String document = SEED.replace("acme_corp", tenant).replace("100.0", "0.5")
                .replace("\"features\"", "\"plan\":\"premium\",\"features\"");
        platform().contentType("application/json").body(document).post("/v1/tenants")
                .then().statusCode(201)
                .body("plan", equalTo("premium"))
                .body("storage_quota_gb", equalTo(0.5f));
    }
}
