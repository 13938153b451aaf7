package io.tenancycore.security.token;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.security.crypto.AesGcm;
import io.tenancycore.security.events.SecurityEvents;
import io.tenancycore.security.policy.PolicyService;
import io.tenancycore.security.policy.SecurityPolicy;
import io.tenancycore.security.rbac.RbacService;
import io.tenancycore.security.rbac.RbacViews;
import io.tenancycore.security.rbac.ReservedRoleRefused;
import io.tenancycore.security.rbac.ReservedRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class ClientService {

    @Inject
    ClientStore store;
    @Inject
    SecretHasher hasher;
    @Inject
    TokenConfig config;
    @Inject
    ReservedRoles reserved;
    @Inject
    PolicyService policies;
    @Inject
    SecurityEvents events;
    @Inject
    RbacService rbac;
    @Inject
    RbacViews views;
    @Inject
    Clock clock;

    /** Creates a tenant client; the answer carries the secret, which is never shown again. */
    public Uni<ClientView> create(String tenantId, ClientRequest request) {
        if (!reserved.reservedAmong(request.roles()).isEmpty()) {
            // refused (422) and, through the resource's @Audited, recorded as denied
            return Uni.createFrom().failure(ReservedRoleRefused.among("roles", request.roles(), reserved));
        }
        String clientId = tenantId + "." + HexFormat.of().formatHex(AesGcm.randomBytes(8));
        String secret = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(AesGcm.randomBytes(config.generatedSecretBytes()));
        return rbac.requireDefined(tenantId, "roles", request.roles())
                .chain(() -> policies.effective(tenantId))
                .chain(policy -> newClient(tenantId, clientId, secret, request, policy))
                .chain(client -> store.create(client).chain(created -> created
                        ? changed(tenantId, clientId).replaceWith(ClientView.withSecret(client, secret))
                        : Uni.createFrom().failure(ProblemException.conflict("A client with that id exists."))));
    }

    private Uni<OAuthClient> newClient(String tenantId, String clientId, String secret, ClientRequest request,
            SecurityPolicy policy) {
        int bits = config.generatedSecretBytes() * 8;
        if (bits < policy.minClientSecretBits()) {
            return Uni.createFrom().failure(new ProblemException(422, "Unprocessable Content",
                    "The tenant's policy asks for stronger secrets than this service generates."));
        }
        return Uni.createFrom().item(() -> hasher.hash(secret))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(hash -> new OAuthClient(clientId, tenantId, request.name(), request.roles(), hash, bits,
                        clock.instant(), null));
    }

    public Uni<List<ClientView>> list(String tenantId) {
        return store.list(tenantId).map(all -> all.stream().map(ClientView::of).toList());
    }

    public Uni<ClientView> get(String tenantId, String clientId) {
        return store.find(tenantId, clientId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("No client '" + clientId + "' in this tenant."))
                .map(ClientView::of);
    }

    public Uni<Void> delete(String tenantId, String clientId) {
        return store.delete(tenantId, clientId).chain(removed -> removed
                ? changed(tenantId, clientId)
                : Uni.createFrom().failure(ProblemException.notFound("No client '" + clientId + "' in this tenant.")));
    }

    /** The tenant's subjects changed: this replica's RBAC view at once, the others through the event. */
    private Uni<Void> changed(String tenantId, String clientId) {
        views.invalidate(tenantId);
        return events.announce(SecurityEvents.CLIENT_CHANGED, tenantId, Map.of("tenant_id", tenantId,
                "client_id", clientId));
    }
}
