package io.tenancycore.workflow.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code svc://mailer/send}, the one "service" of the built-in templates that lives in this process: sends the mail a
 * template rendered ({@code {"to", "subject", "body", "content_type"}}) with the Quarkus mailer (SMTP from core.yaml's
 * {@code alerts.channels.email}). Simpler than alert-service's email channel, which routes alerts, not messages to
 * one address. Each {@code Idempotency-Key} sends at most once (a Redis claim taken before sending), so a resumed
 * step does not mail the tenant twice.
 */
@ApplicationScoped
public class WelcomeMailer {

    public static final String SERVICE = "mailer";
    private static final Duration CLAIM_TTL = Duration.ofDays(7);
    private static final int MAX_BODY = 256 * 1024;
    /** An address, roughly: what config-service's tenant schema already checked, and no header injection. */
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s\\r\\n,;<>]{1,64}@[^@\\s\\r\\n,;<>]{1,255}$");

    private final Mailer mailer;
    private final RedisDataSource redis;
    private final ObjectMapper mapper;

    public WelcomeMailer(Mailer mailer, RedisDataSource redis, ObjectMapper mapper) {
        this.mailer = mailer;
        this.redis = redis;
        this.mapper = mapper;
    }

    /** Answers the request in place of a remote service. */
    public Response send(ClientRequestContext request, String tenantId) {
        if (!"/send".equals(request.getUri().getPath()) || !"POST".equals(request.getMethod())) {
            return answer(404, Map.of("error", "the mailer offers POST svc://mailer/send only"));
        }
        JsonNode mail = mapper.valueToTree(request.getEntity());
        String to = mail.path("to").asText("");
        String subject = mail.path("subject").asText("");
        String body = mail.path("body").asText("");
        if (!ADDRESS.matcher(to).matches() || subject.isBlank() || subject.contains("\n") || body.length() > MAX_BODY) {
            return answer(422, Map.of("error", "a mail needs a single 'to' address, a one-line subject and a body"));
        }
        Object key = request.getHeaders().getFirst("Idempotency-Key");
        if (key != null) {
            String claim = "workflow:{" + tenantId + "}:mail:" + key;
            boolean first = redis.value(String.class).setGet(claim, "sent", new SetArgs().nx().ex(CLAIM_TTL)) == null;
            if (!first) {
                return answer(200, Map.of("sent", false, "duplicate", true));
            }
        }
        Mail message = "text/plain".equals(mail.path("content_type").asText()) ? Mail.withText(to, subject, body)
                : Mail.withHtml(to, subject, body);
        try {
            mailer.send(message);
        } catch (RuntimeException e) {
            // the claim goes, so a retry may send; the workflow sees a 503 it can retry or catch
            if (key != null) {
                redis.key().del("workflow:{" + tenantId + "}:mail:" + key);
            }
            return answer(503, Map.of("error", "the mail server did not take the mail: "
                    + e.getClass().getSimpleName()));
        }
        return answer(200, Map.of("sent", true, "to", to));
    }

    private static Response answer(int status, Map<String, Object> entity) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(entity).build();
    }
}
