package io.tenancycore.template.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.api.PageRequest;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.validation.TenantId;
import io.tenancycore.template.catalog.TemplateService;
import io.tenancycore.template.messages.TenantMessages;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Discovery of what a template can say: the locales that have messages and every message key a tenant's templates
 * can use as {@code {msg:key}}, built-in and the tenant's own, so nobody has to guess keys from the source.
 */
@Path("/v1/tenants/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Messages", description = "Per-tenant message bundles used by templates as {msg:key}")
public class MessageCatalogResource {

    @Inject
    TemplateService templates;

    /** One key of one locale as a template sees it: the tenant's pattern where it has one, else the built-in. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MessageEntry(String locale, String key, String pattern,
            @Schema(description = "tenant: the tenant's own bundle; builtin: shipped with the service") Origin source,
            @Schema(description = "The tenant's pattern replaces a built-in one of the same key") boolean overridesBuiltin) {
    }

    /** A locale with messages: shipped with the service, in the tenant's own bundles, or both. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LocaleEntry(String locale, boolean builtinMessages, boolean tenantMessages) {
    }

    public enum Origin {
        tenant, builtin
    }

    @GET
    @Path("/messages")
    @RequiresPermission("templates:read")
    @Operation(summary = "Every message key templates can use, per locale (sorted by locale, then key)")
    public Uni<Page<MessageEntry>> messages(@PathParam("tenantId") @TenantId String tenantId,
            @Parameter(description = "Only this locale (BCP 47 tag, exact)") @QueryParam("locale") String locale,
            @BeanParam PageRequest page) {
        page.limit();
        page.offset();
        String only = locale == null || locale.isBlank() ? null : MessageResource.canonical(locale);
        return templates.allMessages(tenantId).map(messages -> Page.of(entries(messages, only), page));
    }

    @GET
    @Path("/locales")
    @RequiresPermission("templates:read")
    @Operation(summary = "The locales that have messages, built-in or the tenant's own")
    public Uni<Page<LocaleEntry>> locales(@PathParam("tenantId") @TenantId String tenantId,
            @BeanParam PageRequest page) {
        page.limit();
        page.offset();
        return templates.allMessages(tenantId).map(messages -> {
            Map<String, Map<String, String>> builtin = messages.builtin().bundles();
            Map<String, Map<String, String>> own = messages.tenantBundles();
            TreeSet<String> locales = new TreeSet<>(builtin.keySet());
            locales.addAll(own.keySet());
            return Page.of(locales.stream()
                    .map(tag -> new LocaleEntry(tag, builtin.containsKey(tag), own.containsKey(tag)))
                    .toList(), page);
        });
    }

    private static List<MessageEntry> entries(TenantMessages messages, String onlyLocale) {
        Map<String, Map<String, String>> builtin = messages.builtin().bundles();
        Map<String, Map<String, String>> own = messages.tenantBundles();
        TreeSet<String> locales = new TreeSet<>(builtin.keySet());
        locales.addAll(own.keySet());
        List<MessageEntry> entries = new ArrayList<>();
        for (String locale : locales) {
            if (onlyLocale != null && !onlyLocale.equals(locale)) {
                continue;
            }
            Map<String, String> shipped = builtin.getOrDefault(locale, Map.of());
            Map<String, String> tenants = own.getOrDefault(locale, Map.of());
            TreeMap<String, MessageEntry> byKey = new TreeMap<>();
            shipped.forEach((key, pattern) -> byKey.put(key, new MessageEntry(locale, key, pattern, Origin.builtin,
                    false)));
            tenants.forEach((key, pattern) -> byKey.put(key, new MessageEntry(locale, key, pattern, Origin.tenant,
                    shipped.containsKey(key))));
            entries.addAll(byKey.values());
        }
        return entries;
    }
}
