package io.tenancycore.alert.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.support.AlertsConfig;
import io.tenancycore.alert.support.VersionedStore;
import io.tenancycore.alert.support.VersionedStore.Versioned;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A tenant's receivers ({@code alert:{t}:receivers}): validation, versions, and the lookup the notifier makes. */
@ApplicationScoped
public class ReceiverService {

    static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,62}$");
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[A-Za-z0-9.-]{1,253}$");
    static final Pattern LOCALE = Pattern.compile("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,2}$");

    private final VersionedStore<Receiver> store;
    private final UrlGuard guard;
    private final AlertsConfig config;
    private final ReceiverSecrets secrets;

    public ReceiverService(ReactiveRedisDataSource redis, ObjectMapper mapper, UrlGuard guard, AlertsConfig config,
            ReceiverSecrets secrets) {
        this.store = new VersionedStore<>(redis, mapper, "receivers", Receiver.class);
        this.guard = guard;
        this.config = config;
        this.secrets = secrets;
    }

    /** Validates, seals the secrets (transit) and stores; the answer never carries a secret. */
    public Uni<ReceiverView> put(String tenantId, String name, Receiver receiver, long expectedVersion) {
        validate(name, receiver);
        Receiver named = receiver.named(name);
        return secrets.seal(tenantId, named)
                .chain(sealed -> store.put(tenantId, name, sealed, expectedVersion, config.maxObjectsPerTenant()))
                .map(version -> ReceiverView.of(named, version));
    }

    /** The receiver with its secrets opened, for a delivery only (never for an answer or a log). */
    public Uni<Optional<Receiver>> forDelivery(String tenantId, String name) {
        return find(tenantId, name).chain(found -> found.isEmpty() ? Uni.createFrom().item(Optional.<Receiver>empty())
                : secrets.open(tenantId, found.get().value()).map(Optional::of));
    }

    public Uni<ReceiverView> get(String tenantId, String name) {
        return find(tenantId, name).map(found -> found.map(v -> ReceiverView.of(v.value(), v.version()))
                .orElseThrow(() -> ProblemException.notFound("No receiver '" + name + "'.")));
    }

    /** The stored receiver, secrets sealed. */
    public Uni<Optional<Versioned<Receiver>>> find(String tenantId, String name) {
        return store.find(tenantId, name);
    }

    public Uni<List<ReceiverView>> list(String tenantId) {
        return store.all(tenantId).map(all -> all.values().stream()
                .map(v -> ReceiverView.of(v.value(), v.version())).toList());
    }

    public Uni<Set<String>> names(String tenantId) {
        return store.all(tenantId).map(Map::keySet);
    }

    public Uni<Void> delete(String tenantId, String name, long expectedVersion) {
        return store.delete(tenantId, name, expectedVersion).invoke(existed -> {
            if (!existed) {
                throw ProblemException.notFound("No receiver '" + name + "'.");
            }
        }).replaceWithVoid();
    }

    private void validate(String name, Receiver receiver) {
        List<Violation> violations = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            violations.add(new Violation("name", "1 to 63 lowercase letters, digits, '_', '.' or '-'", "pattern"));
        }
        if (receiver == null) {
            throw ProblemException.unprocessable("A receiver is required.", List.of(new Violation("body",
                    "is required", "required")));
        }
        String type = receiver.type() == null ? "" : receiver.type().toLowerCase(Locale.ROOT);
        switch (type) {
            case Receiver.WEBHOOK -> {
                url(receiver.url(), "url", violations);
                if (receiver.secret() != null && (receiver.secret().length() < 16 || receiver.secret().length() > 256)) {
                    violations.add(new Violation("secret", "16 to 256 characters", "length"));
                }
                forbid(receiver.slackUrl(), "slack_url", violations);
                forbid(receiver.to(), "to", violations);
            }
            case Receiver.SLACK -> {
                url(receiver.slackUrl(), "slack_url", violations);
                forbid(receiver.url(), "url", violations);
                forbid(receiver.secret(), "secret", violations);
                forbid(receiver.to(), "to", violations);
            }
            case Receiver.EMAIL -> {
                if (receiver.to() == null || receiver.to().isEmpty() || receiver.to().size() > 20) {
                    violations.add(new Violation("to", "1 to 20 addresses", "required"));
                } else {
                    for (int i = 0; i < receiver.to().size(); i++) {
                        String address = receiver.to().get(i);
                        if (address == null || address.length() > 320 || !EMAIL.matcher(address).matches()) {
                            violations.add(new Violation("to[" + i + "]", "is not an email address", "email"));
                        }
                    }
                }
                forbid(receiver.url(), "url", violations);
                forbid(receiver.secret(), "secret", violations);
                forbid(receiver.slackUrl(), "slack_url", violations);
            }
            default -> violations.add(new Violation("type", "webhook, slack or email", "enum"));
        }
        if (receiver.locale() != null && !LOCALE.matcher(receiver.locale()).matches()) {
            violations.add(new Violation("locale", "a BCP 47 tag such as fr or fr-CA", "pattern"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The receiver breaks the rules listed in violations.", violations);
        }
    }

    private void url(String url, String field, List<Violation> violations) {
        if (url == null) {
            violations.add(new Violation(field, "is required", "required"));
            return;
        }
        String refusal = guard.refusal(url);
        if (refusal != null) {
            violations.add(new Violation(field, refusal, "forbidden_url"));
        }
    }

    private static void forbid(Object value, String field, List<Violation> violations) {
        if (value != null) {
            violations.add(new Violation(field, "does not belong to this receiver type", "not_allowed"));
        }
    }
}
