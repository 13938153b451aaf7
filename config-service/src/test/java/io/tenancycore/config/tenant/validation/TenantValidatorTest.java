package io.tenancycore.config.tenant.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.validation.DocumentFormat;
import io.tenancycore.commons.validation.JsonSchemaValidator;
import io.tenancycore.commons.validation.ValidationError;
import io.tenancycore.commons.validation.ValidationReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TenantValidatorTest {

    private static final String GOOD = """
            {"tenant_id": "acme-corp", "name": "ACME Corp", "email": "ops@acme.com",
             "api_quota_per_hour": 5000, "storage_quota_gb": 20, "features": ["sso", "audit_log"], "plan": "starter"}
            """;

    /** The product specification's example, exactly as written there (no plan, a decimal storage quota). */
    private static final String SEED = """
            {"tenant_id":"acme_corp","name":"ACME Corporation","email":"admin@acme.com","api_quota_per_hour":5000,\
            "storage_quota_gb":100.0,"features":["audio_processing","analytics"]}""";

    private final TenantValidator validator = new TenantValidator(new JsonSchemaValidator(), TenantRules.defaults());

    @Test
    void acceptsAGoodTenant() {
        ValidationReport report = validator.validate(GOOD, DocumentFormat.JSON);
        assertTrue(report.valid(), report::toString);
        assertEquals(List.of(), report.errors());
    }

    @Test
    void acceptsTheSameTenantWrittenInYaml() {
        String yaml = """
                tenant_id: acme-corp
                name: ACME Corp
                email: ops@acme.com
                api_quota_per_hour: 5000
                storage_quota_gb: 20
                features: [sso, audit_log]
                plan: starter
                """;
        assertTrue(validator.validate(yaml, DocumentFormat.YAML).valid());
    }

    @Test
    void reportsEveryErrorOfABadTenantAtOnce() {
        String bad = """
                {"tenant_id": "1-Bad", "email": "not-an-email", "api_quota_per_hour": -5,
                 "storage_quota_gb": "ten", "features": ["sso", "teleportation", "sso"], "plan": "gold",
                 "colour": "red"}
                """;
        ValidationReport report = validator.validate(bad, DocumentFormat.JSON);

        assertFalse(report.valid());
        Map<String, Set<String>> keywordsByPointer = report.errors().stream().collect(Collectors.groupingBy(
                ValidationError::pointer, Collectors.mapping(ValidationError::keyword, Collectors.toSet())));
        assertEquals(Set.of("pattern"), keywordsByPointer.get("/tenant_id"));
        assertEquals(Set.of("required"), keywordsByPointer.get("/name"));
        assertEquals(Set.of("format"), keywordsByPointer.get("/email"));
        assertEquals(Set.of("minimum"), keywordsByPointer.get("/api_quota_per_hour"));
        assertEquals(Set.of("type"), keywordsByPointer.get("/storage_quota_gb"));
        assertEquals(Set.of("uniqueItems"), keywordsByPointer.get("/features"));
        assertEquals(Set.of("feature"), keywordsByPointer.get("/features/1"));
        assertEquals(Set.of("plan"), keywordsByPointer.get("/plan"));
        assertEquals(Set.of("additionalProperties"), keywordsByPointer.get("/colour"));
        assertTrue(report.errors().size() >= 9, report::toString);
        report.errors().forEach(error -> assertFalse(error.message().isBlank(), error::toString));
    }

    @Test
    void quotasMustStayWithinThePlansCaps() {
        String overFree = GOOD.replace("\"starter\"", "\"free\"").replace("5000", "50000").replace(": 20", ": 6");
        ValidationReport report = validator.validate(overFree, DocumentFormat.JSON);
        assertEquals(List.of("/api_quota_per_hour", "/storage_quota_gb"),
                report.errors().stream().map(ValidationError::pointer).toList());
        assertTrue(report.errors().stream().allMatch(error -> error.keyword().equals("plan-cap")));
        assertTrue(report.errors().get(0).message().contains("1000"), report.errors().get(0)::message);
    }

    @Test
    void everyFieldButThePlanIsRequired() {
        ValidationReport report = validator.validate("{}", DocumentFormat.JSON);
        assertEquals(Set.of("/tenant_id", "/name", "/email", "/api_quota_per_hour", "/storage_quota_gb",
                "/features"), report.errors().stream().map(ValidationError::pointer).collect(Collectors.toSet()));
    }

    @Test
    void theSpecificationsOwnTenantDocumentIsValidAsWritten() {
        ValidationReport report = validator.validate(SEED, DocumentFormat.JSON);
        assertTrue(report.valid(), report::toString);
    }

    @Test
    void storageQuotasMayBeFractionsOfAGigabyte() {
        assertTrue(validator.validate(SEED.replace("100.0", "0.5"), DocumentFormat.JSON).valid());
        assertEquals(List.of("/storage_quota_gb"), pointers(validator.validate(SEED.replace("100.0", "0"),
                DocumentFormat.JSON)));
        assertEquals(List.of("/storage_quota_gb"), pointers(validator.validate(SEED.replace("100.0", "-0.5"),
                DocumentFormat.JSON)));
        // the API quota stays a whole number of calls
        assertEquals(List.of("/api_quota_per_hour"), pointers(validator.validate(SEED.replace("5000", "50.5"),
                DocumentFormat.JSON)));
    }

    @Test
    void withoutAPlanTheDefaultPlansCapsApplyAndItIsWrittenIn() throws Exception {
        // business allows 500 GB
        ValidationReport over = validator.validate(SEED.replace("100.0", "600"), DocumentFormat.JSON);
        assertEquals(List.of("/storage_quota_gb"), pointers(over));
        assertTrue(over.errors().get(0).message().contains("default plan 'business'"), over::toString);
        ObjectNode stored = validator.withDefaults((ObjectNode) new ObjectMapper().readTree(SEED));
        assertEquals("business", stored.path("plan").asText());
        ObjectNode named = validator.withDefaults((ObjectNode) new ObjectMapper().readTree(GOOD));
        assertEquals("starter", named.path("plan").asText());
    }

    @Test
    void premiumIsAPlan() {
        assertTrue(validator.validate(SEED.replace("\"features\"", "\"plan\": \"premium\", \"features\""),
                DocumentFormat.JSON).valid());
    }

    @Test
    void anUnknownFeatureIsNamedByItsPosition() {
        ValidationReport report = validator.validate(SEED.replace("\"audio_processing\"", "\"teleportation\""),
                DocumentFormat.JSON);
        assertEquals("features[0]", report.violations().get(0).field());
        assertTrue(report.violations().get(0).message().contains("audio_processing"), report::toString);
    }

    @Test
    void theDefaultPlanMustBeAPlan() {
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> new TenantRules(Set.of("sso"), Map.of("gold", new PlanCaps(10, 1)), "silver"));
        assertTrue(refused.getMessage().contains("silver"));
    }

    @Test
    void syntaxErrorsAreOneReportedError() {
        ValidationReport report = validator.validate("{\"tenant_id\": ", DocumentFormat.JSON);
        assertEquals(1, report.errors().size());
        assertEquals("syntax", report.errors().get(0).keyword());
        assertEquals("", report.errors().get(0).pointer());
        assertFalse(validator.validate("a: [unclosed", DocumentFormat.YAML).valid());
        assertFalse(validator.validate("", DocumentFormat.JSON).valid());
    }

    @Test
    void configuredCatalogsReplaceTheBuiltInOnes() {
        TenantValidator custom = new TenantValidator(new JsonSchemaValidator(),
                new TenantRules(Set.of("teleportation"), Map.of("gold", new PlanCaps(10, 1)), "gold"));
        ValidationReport report = custom.validate(GOOD.replace("\"sso\", \"audit_log\"", "\"teleportation\"")
                .replace("starter", "gold").replace("5000", "10").replace(": 20", ": 1"), DocumentFormat.JSON);
        assertTrue(report.valid(), report::toString);
    }

    @Test
    void asyncChecksAreMergedWithTheDocumentsOwnErrors() throws Exception {
        var tenant = new ObjectMapper().readTree(GOOD.replace("\"starter\"", "\"gold\""));
        AsyncCheck<com.fasterxml.jackson.databind.JsonNode> idTaken = doc -> Uni.createFrom()
                .item(ValidationReport.error("/tenant_id", "tenant id already exists", "unique"))
                .onItem().delayIt().by(Duration.ofMillis(20));
        AsyncCheck<com.fasterxml.jackson.databind.JsonNode> emailOk = doc -> Uni.createFrom().item(ValidationReport.ok());

        ValidationReport report = validator.validateAsync(tenant, idTaken, emailOk).await().atMost(Duration.ofSeconds(5));

        assertEquals(Set.of("plan", "unique"),
                report.errors().stream().map(ValidationError::keyword).collect(Collectors.toSet()));
    }

    @Test
    void aFailingAsyncCheckFailsTheValidation() throws Exception {
        var tenant = new ObjectMapper().readTree(GOOD);
        AsyncCheck<com.fasterxml.jackson.databind.JsonNode> broken = doc -> Uni.createFrom()
                .failure(new IllegalStateException("redis down"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> validator.validateAsync(tenant, broken).await().atMost(Duration.ofSeconds(5)));
    }

    @Test
    void reportBecomesViolationsWithDottedFields() {
        ValidationReport report = validator.validate(
                GOOD.replace("[\"sso\", \"audit_log\"]", "[\"sso\", \"nope\"]"), DocumentFormat.JSON);
        assertEquals("features[1]", report.violations().get(0).field());
        assertEquals("feature", report.violations().get(0).code());
    }

    private static List<String> pointers(ValidationReport report) {
        return report.errors().stream().map(ValidationError::pointer).toList();
    }
}
