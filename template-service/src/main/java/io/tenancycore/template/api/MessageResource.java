package io.tenancycore.template.api;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.api.ETags;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.lease.WriteLocks;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.validation.TenantId;
import io.tenancycore.template.catalog.TemplateService;
import io.tenancycore.template.config.TemplateServiceConfig;
import io.tenancycore.template.engine.MessagePatterns;
import io.tenancycore.template.engine.RenderLimits.MessageLimits;
import io.tenancycore.template.locale.Locales;
import io.tenancycore.template.support.RedisKeys;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/messages/{locale}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Messages", description = "Per-tenant message bundles used by templates as {msg:key}")
public class MessageResource {

    @Inject
    TemplateService templates;

    @Inject
    TemplateServiceConfig config;

    @Inject
    WriteLocks writeLocks;

    @GET
    @RequiresPermission("templates:read")
    @Operation(summary = "The tenant's own messages for a locale (built-in messages are not included), with its ETag")
    @APIResponse(responseCode = "200", description = "The bundle; ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MessageBundle.class)))
    @APIResponse(responseCode = "304", description = "If-None-Match names the current version")
    public Uni<Response> get(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("locale") @Pattern(regexp = Locales.TAG_PATTERN) String locale,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return current(tenantId, canonical(locale)).map(bundle -> {
            String version = version(bundle);
            return ETags.notModified(ifNoneMatch, version) ? Response.notModified(ETags.of(version)).build()
                    : Response.ok(bundle).tag(version).build();
        });
    }

    @PUT
    @RequiresPermission("templates:write")
    @Audited(action = "template.messages.update", resource = "template-messages")
    @Operation(summary = "Replace the tenant's messages for a locale")
    @APIResponse(responseCode = "200", description = "Stored; ETag is the new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MessageBundle.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the bundle's ETag")
    @APIResponse(responseCode = "422", description = "A message is not a valid MessageFormat pattern (code pattern) "
            + "or goes past the message limits (pattern length, placeholders; the code names the limit)")
    public Uni<Response> put(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("locale") @Pattern(regexp = Locales.TAG_PATTERN) String locale,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid MessageBundle bundle) {
        checkPatterns(bundle.messages(), config.render().limits().messages());
        String tag = canonical(locale);
        MessageBundle stored = new MessageBundle(new TreeMap<>(bundle.messages()));
        return writeLocks.serialized(RedisKeys.messagesLock(tenantId, tag), () -> current(tenantId, tag)
                .invoke(now -> ETags.requireMatch(ifMatch, version(now)))
                .chain(() -> templates.replaceMessages(tenantId, tag, bundle.messages())))
                .map(ignored -> Response.ok(stored).tag(version(stored)).build());
    }

    private Uni<MessageBundle> current(String tenantId, String locale) {
        return templates.messages(tenantId, locale).map(bundle -> new MessageBundle(new TreeMap<>(bundle)));
    }

    /** A bundle's version: a digest of its messages in key order (the JSON it is answered as). */
    static String version(MessageBundle bundle) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(bundle.messages()).forEach((key, pattern) -> canonical.append(key.length()).append(':')
                .append(key).append(pattern.length()).append(':').append(pattern));
        return ETags.digest(canonical.toString());
    }

    static String canonical(String locale) {
        return Locales.normalize(locale).orElseThrow(() -> ProblemException.unprocessable("Not a locale tag.",
                List.of(new Violation("locale", "must be a BCP 47 locale tag such as fr or fr-CA", "locale"))));
    }

    /**
     * Every message must be a MessageFormat pattern within the message limits; the JSON itself was readable, so a
     * broken pattern is a rule broken (422, every violation listed), like a pattern past a limit.
     */
    private static void checkPatterns(Map<String, String> messages, MessageLimits limits) {
        List<Violation> violations = new ArrayList<>();
        new TreeMap<>(messages).forEach((key, pattern) -> {
            try {
                new MessageFormat(pattern);
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("messages." + key, "is not a valid MessageFormat pattern", "pattern"));
                return;
            }
            MessagePatterns.exceeded(pattern, limits).ifPresent(exceeded -> violations.add(
                    new Violation("messages." + key, exceeded.getMessage(), exceeded.limit().wireName())));
        });
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("Some messages are not valid patterns or go past the message "
                    + "limits.", violations);
        }
    }
}
