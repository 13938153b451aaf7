package io.tenancycore.alert.alert;

import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.history.HistoryEntry;
import io.tenancycore.alert.history.HistoryResource;
import io.tenancycore.alert.history.HistoryStore;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.api.PageRequest;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.tenant.TenantContext;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A tenant's alerts: {@code /v1/tenants/{tenantId}/alerts} — the seed's {@code send_alert} and the alert list. */
@Path("/v1/tenants/{tenantId}/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    /** For the OpenAPI document: a page of alerts. */
    public static final class AlertPage {
        public List<Alert> items;
        @com.fasterxml.jackson.annotation.JsonProperty("next_cursor")
        @Schema(nullable = true)
        public String nextCursor;
    }

    private final AlertService alerts;
    private final HistoryStore history;
    private final TenantContext caller;

    public AlertResource(AlertService alerts, HistoryStore history, TenantContext caller) {
        this.alerts = alerts;
        this.history = history;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("alerts:write")
    @Operation(summary = "Send an alert (the seed's send_alert); an identical label set is deduplicated")
    @APIResponse(responseCode = "201", description = "A new alert", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Alert.class)))
    @APIResponse(responseCode = "200", description = "An existing alert (same fingerprint), updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Alert.class)))
    public Uni<Response> send(@PathParam("tenantId") String tenantId, AlertRequest request, UriInfo uriInfo) {
        List<Violation> violations = new ArrayList<>();
        Alert alert = alerts.validate(request, "api", "", violations);
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The alert breaks the rules listed in violations.", violations);
        }
        return alerts.ingest(tenantId, alert, actor()).map(ingested -> ingested.created()
                ? Response.created(uriInfo.getAbsolutePathBuilder().path(ingested.alert().fingerprint()).build())
                        .entity(ingested.alert()).build()
                : Response.ok(ingested.alert()).build());
    }

    @GET
    @RequiresPermission("alerts:read")
    @Operation(summary = "The tenant's alerts, newest first; ?state=firing|acknowledged|resolved filters")
    @APIResponse(responseCode = "200", description = "A page of alerts", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertPage.class)))
    public Uni<Page<Alert>> list(@PathParam("tenantId") String tenantId, @QueryParam("state") String state,
            @BeanParam PageRequest page) {
        page.limit();
        page.offset();
        AlertState wanted = null;
        if (state != null && !state.isBlank()) {
            wanted = AlertState.of(state);
            if (wanted == null) {
                throw ProblemException.badRequest("Query parameter 'state' is firing, acknowledged or resolved.",
                        List.of(new Violation("state", "must be firing, acknowledged or resolved",
                                "invalid_parameter")));
            }
        }
        return alerts.list(tenantId, wanted).map(all -> Page.of(all, page));
    }

    @GET
    @Path("/{fingerprint}")
    @RequiresPermission("alerts:read")
    @Operation(summary = "One alert by its fingerprint")
    public Uni<Alert> get(@PathParam("tenantId") String tenantId, @PathParam("fingerprint") String fingerprint) {
        return alerts.get(tenantId, fingerprint);
    }

    @POST
    @Path("/{fingerprint}/ack")
    @RequiresPermission("alerts:ack")
    @Audited(action = "alert.acknowledge", resource = "alerts")
    @Operation(summary = "Acknowledge a firing alert (stops its escalation)")
    public Uni<Alert> acknowledge(@PathParam("tenantId") String tenantId,
            @PathParam("fingerprint") String fingerprint) {
        return alerts.acknowledge(tenantId, fingerprint, actor());
    }

    @POST
    @Path("/{fingerprint}/resolve")
    @RequiresPermission("alerts:ack")
    @Audited(action = "alert.resolve", resource = "alerts")
    @Operation(summary = "Resolve an alert now")
    public Uni<Alert> resolve(@PathParam("tenantId") String tenantId, @PathParam("fingerprint") String fingerprint) {
        return alerts.resolve(tenantId, fingerprint, actor(), "resolved by request");
    }

    @GET
    @Path("/{fingerprint}/history")
    @RequiresPermission("alerts:read")
    @Operation(summary = "The alert's state changes and notification attempts, newest first")
    @APIResponse(responseCode = "200", description = "A page of history entries", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryResource.HistoryPage.class)))
    public Uni<Page<HistoryEntry>> history(@PathParam("tenantId") String tenantId,
            @PathParam("fingerprint") String fingerprint, @BeanParam PageRequest page) {
        int limit = page.limit();
        int offset = page.offset();
        return alerts.get(tenantId, fingerprint).chain(alert -> history.alert(tenantId, fingerprint, offset, limit + 1))
                .map(entries -> HistoryResource.page(entries, offset, limit));
    }

    private String actor() {
        return caller.subject().orElse("anonymous");
    }
}
