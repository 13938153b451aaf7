package io.tenancycore.config.tenant.validation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.validation.DocumentFormat;
import io.tenancycore.commons.validation.JsonSchemaValidator;
import io.tenancycore.commons.validation.ValidationError;
import io.tenancycore.commons.validation.ValidationReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a tenant document ({@code tenant_id, name, email, api_quota_per_hour, storage_quota_gb, features} and
 * optionally {@code plan}) and reports all its errors at once: the shape from {@code schemas/tenant.schema.json},
 * then the rules that need the catalogs — features and plan known, quotas within the caps of the plan (the
 * configured default plan when the document names none).
 */
@ApplicationScoped
public class TenantValidator {

    public static final String SCHEMA_RESOURCE = "schemas/tenant.schema.json";
    static final String SYNTAX_KEYWORD = "syntax";
    static final String FEATURE_KEYWORD = "feature";
    static final String PLAN_KEYWORD = "plan";
    static final String PLAN_CAP_KEYWORD = "plan-cap";
    private static final String PLAN_FIELD = "plan";

    private final JsonSchemaValidator schemas;
    private final TenantRules rules;
    private final Schema schema;

    public TenantValidator(JsonSchemaValidator schemas, TenantRules rules) {
        this.schemas = schemas;
        this.rules = rules;
        this.schema = schemas.classpathSchema(SCHEMA_RESOURCE);
    }

    public ValidationReport validate(String document, DocumentFormat format) {
        try {
            return validate(schemas.parse(document, format));
        } catch (JacksonException e) {
            String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            return ValidationReport.error("", "not well-formed " + format + where + ": " + e.getOriginalMessage(),
                    SYNTAX_KEYWORD);
        }
    }

    public ValidationReport validate(JsonNode tenant) {
        return schemas.validate(schema, tenant).merge(catalogRules(tenant));
    }

    /** The document as it is stored: the default plan written in when it names none. */
    public ObjectNode withDefaults(ObjectNode tenant) {
        ObjectNode stored = tenant.deepCopy();
        if (!stored.hasNonNull(PLAN_FIELD)) {
            stored.put(PLAN_FIELD, rules.defaultPlan());
        }
        return stored;
    }

    /** The document's own rules plus asynchronous ones (e.g. uniqueness of the id), all errors merged. */
    @SafeVarargs
    public final Uni<ValidationReport> validateAsync(JsonNode tenant, AsyncCheck<JsonNode>... extraChecks) {
        List<Uni<ValidationReport>> checks = new ArrayList<>();
        checks.add(Uni.createFrom().item(() -> validate(tenant)));
        for (AsyncCheck<JsonNode> check : extraChecks) {
            checks.add(Uni.createFrom().deferred(() -> check.check(tenant)));
        }
        return AsyncCheck.all(checks);
    }

    private ValidationReport catalogRules(JsonNode tenant) {
        if (!tenant.isObject()) {
            return ValidationReport.ok();
        }
        List<ValidationError> errors = new ArrayList<>();
        JsonNode features = tenant.path("features");
        if (features.isArray()) {
            for (int i = 0; i < features.size(); i++) {
                JsonNode feature = features.get(i);
                if (feature.isTextual() && !rules.features().contains(feature.asText())) {
                    errors.add(new ValidationError("/features/" + i, "unknown feature '" + feature.asText()
                            + "'; known: " + sorted(rules.features()), FEATURE_KEYWORD));
                }
            }
        }
        JsonNode named = tenant.path(PLAN_FIELD);
        String plan = named.isMissingNode() || named.isNull() ? rules.defaultPlan()
                : named.isTextual() ? named.asText() : null;
        if (plan != null) {
            PlanCaps caps = rules.plans().get(plan);
            String which = named.isTextual() ? "plan '" + plan + "'" : "the default plan '" + plan + "'";
            if (caps == null) {
                errors.add(new ValidationError("/plan", "unknown plan '" + plan + "'; known: "
                        + sorted(rules.plans().keySet()), PLAN_KEYWORD));
            } else {
                checkCap(tenant, "api_quota_per_hour", caps.maxApiQuotaPerHour(), which, errors);
                checkCap(tenant, "storage_quota_gb", caps.maxStorageQuotaGb(), which, errors);
            }
        }
        return ValidationReport.of(errors);
    }

    private static void checkCap(JsonNode tenant, String field, long cap, String plan, List<ValidationError> errors) {
        JsonNode quota = tenant.path(field);
        if (quota.isNumber() && quota.asDouble() > cap) {
            errors.add(new ValidationError("/" + field, "must be at most " + cap + " on " + plan, PLAN_CAP_KEYWORD));
        }
    }

    private static String sorted(java.util.Collection<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }
}
