package io.tenancycore.alert.alert;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.support.AlertsConfig;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.error.RequestRefused;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.tenant.CrossTenantAccessDenied;
import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.commons.tenant.TenantIds;
import io.tenancycore.commons.tenantstatus.TenantDirectory;
import io.tenancycore.commons.tenantstatus.TenantStatus;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Alertmanager's v2 ingest, {@code POST /api/v2/alerts}, so a Prometheus sends its alerts here unchanged. Each alert's
 * tenant is the {@code X-Scope-OrgID} header, else its {@code tenant} label, else the token's tenant; a tenant's token
 * may only name its own tenant, a platform client (platform-admin, a service) any, and every tenant named must be
 * registered and served (not suspended or deleted). The batch is checked whole before anything is stored, so a 4xx
 * stores nothing; every refusal is audited.
 */
@Path(AlertmanagerResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class AlertmanagerResource {

    public static final String PATH = "/api/v2/alerts";
    public static final String ORG_HEADER = "X-Scope-OrgID";
    public static final String TENANT_LABEL = "tenant";

    /** What was done with a batch. */
    public record Accepted(int received, int created) {
    }

    private final AlertService alerts;
    private final AlertsConfig config;
    private final TenantContext caller;
    private final Event<CrossTenantAccessDenied> denials;
    private final Event<RequestRefused> refusals;
    private final TenantDirectory directory;

    public AlertmanagerResource(AlertService alerts, AlertsConfig config, TenantContext caller,
            Event<CrossTenantAccessDenied> denials, Event<RequestRefused> refusals, TenantDirectory directory) {
        this.alerts = alerts;
        this.config = config;
        this.caller = caller;
        this.denials = denials;
        this.refusals = refusals;
        this.directory = directory;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("alerts:write")
    @Operation(summary = "Alertmanager v2: post a batch of alerts (labels, annotations, startsAt, endsAt, generatorURL)")
    public Uni<Accepted> post(@HeaderParam(ORG_HEADER) String orgId, List<PostableAlert> batch) {
        if (batch == null) {
            throw ProblemException.badRequest("The body is a JSON array of alerts.",
                    List.of(new Violation("body", "a JSON array is required", "required")));
        }
        if (batch.size() > config.maxBatch()) {
            throw new ProblemException(ProblemTypes.PAYLOAD_TOO_LARGE, 413, "Content Too Large", "A batch holds at most "
                    + config.maxBatch() + " alerts; this one has " + batch.size() + ".", List.of());
        }
        List<Violation> violations = new ArrayList<>();
        List<String> tenants = new ArrayList<>();
        List<Alert> checked = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            PostableAlert posted = batch.get(i);
            String prefix = "[" + i + "]";
            if (posted == null || posted.labels() == null || posted.labels().get(Alert.NAME_LABEL) == null) {
                violations.add(new Violation(prefix + ".labels.alertname", "is required", "required"));
                continue;
            }
            String tenant = tenantOf(orgId, posted, prefix, violations);
            Map<String, String> labels = new HashMap<>(posted.labels());
            String name = labels.get(Alert.NAME_LABEL);
            AlertRequest request = new AlertRequest(name, null, null, labels, posted.annotations(),
                    posted.startsAt(), posted.endsAt(), posted.generatorUrl());
            Alert alert = alerts.validate(request, "alertmanager", prefix, violations);
            tenants.add(tenant);
            checked.add(alert);
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The batch breaks the rules listed in violations; nothing was stored.",
                    violations);
        }
        List<String> distinct = tenants.stream().distinct().toList();
        for (String tenant : distinct) {
            requireAccess(tenant);
        }
        String actor = caller.subject().orElse("anonymous");
        return Multi.createFrom().iterable(distinct).onItem().transformToUniAndConcatenate(this::requireServed)
                .collect().asList()
                .chain(() -> ingest(tenants, checked, actor))
                .map(done -> new Accepted(done.size(),
                        (int) done.stream().filter(AlertService.Ingested::created).count()));
    }

    /**
     * Stores the batch, one script per tenant named (a tenant's keys share one Redis slot): a few round trips per
     * batch rather than several per alert, so a batch no longer waits on Redis alert by alert. Tenants are stored side
     * by side ({@code tenancy.alerts.ingest-concurrency}); within a tenant the posts keep batch order.
     */
    private Uni<List<AlertService.Ingested>> ingest(List<String> tenants, List<Alert> checked, String actor) {
        Map<String, List<Alert>> byTenant = new java.util.LinkedHashMap<>();
        for (int i = 0; i < checked.size(); i++) {
            byTenant.computeIfAbsent(tenants.get(i), k -> new ArrayList<>()).add(checked.get(i));
        }
        return Multi.createFrom().iterable(byTenant.entrySet())
                .onItem().transformToUni(entry -> alerts.ingest(entry.getKey(), entry.getValue(), actor))
                .merge(config.ingestConcurrency())
                .collect().in(ArrayList<AlertService.Ingested>::new, List::addAll)
                .map(all -> (List<AlertService.Ingested>) all);
    }

    /**
     * The tenant-status rule of every path ({@code TenantStatusFilter}) for tenants named in the body: an unknown
     * tenant is 404, a suspended or deleted one 403, whoever the caller is (a platform client too: nothing may alert
     * for a tenant that is not served). Each refusal is audited against the tenant named.
     */
    private Uni<Void> requireServed(String tenant) {
        return directory.statusOf(tenant).invoke(status -> {
            if (status.servesTenantClients()) {
                return;
            }
            String type = switch (status) {
                case UNKNOWN -> ProblemTypes.TENANT_NOT_FOUND;
                case DELETED -> ProblemTypes.TENANT_DELETED;
                default -> ProblemTypes.TENANT_SUSPENDED;
            };
            String detail = status == TenantStatus.UNKNOWN
                    ? "No tenant '" + tenant + "' is registered; its alerts were not stored."
                    : "Tenant '" + tenant + "' is " + status.name().toLowerCase(java.util.Locale.ROOT)
                            + "; its alerts are refused until a platform administrator reactivates it.";
            // the refusal's audit record names the tenant the batch named (the request has no path tenant)
            caller.setTenantId(tenant);
            if (status == TenantStatus.UNKNOWN) {
                // the problem mapper audits 403s itself; this 404 is a refusal too
                refusals.fire(new RequestRefused(404, type, "POST", PATH, detail));
                throw new ProblemException(type, 404, "Not Found", detail, List.of());
            }
            throw ProblemException.forbidden(type, detail);
        }).replaceWithVoid();
    }

    private String tenantOf(String orgId, PostableAlert posted, String prefix, List<Violation> violations) {
        String tenant = orgId != null && !orgId.isBlank() ? orgId.trim()
                : posted.labels().get(TENANT_LABEL) != null ? posted.labels().get(TENANT_LABEL)
                : caller.tokenTenantId().orElse(null);
        if (tenant == null) {
            violations.add(new Violation(prefix + ".labels.tenant",
                    "no tenant: send X-Scope-OrgID, a tenant label or use a tenant's token", "required"));
        } else if (!TenantIds.isValid(tenant)) {
            violations.add(new Violation(prefix + ".labels.tenant", "must match " + TenantIds.PATTERN, "pattern"));
        }
        return tenant;
    }

    private void requireAccess(String tenant) {
        if (caller.tokenTenantId().map(tenant::equals).orElse(caller.isPlatformClient())) {
            return;
        }
        denials.fire(new CrossTenantAccessDenied(caller.subject().orElse(null), caller.tokenTenantId().orElse(null),
                tenant, "/api/v2/alerts", caller.sourceIp().orElse(null), caller.traceId().orElse(null)));
        throw ProblemException.forbidden(ProblemTypes.CROSS_TENANT_ACCESS,
                "This token may not send alerts for tenant '" + tenant + "'.");
    }
}
