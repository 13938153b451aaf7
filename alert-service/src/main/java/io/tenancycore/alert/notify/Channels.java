package io.tenancycore.alert.notify;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.support.AlertsConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The wire of each receiver type: an HTTP POST (webhook, Slack) that counts as delivered on a 2xx, and SMTP through
 * the Quarkus mailer. One attempt each; {@link Notifier} retries.
 */
@ApplicationScoped
public class Channels {

    /** The answer of one attempt: delivered or not, and what to record. */
    public record Outcome(boolean delivered, String detail) {
    }

    private final HttpClient http;
    private final ReactiveMailer mailer;
    private final AlertsConfig config;

    public Channels(Vertx vertx, ReactiveMailer mailer, AlertsConfig config) {
        this.http = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                .setConnectTimeout((int) config.delivery().timeout().toMillis()).setMaxPoolSize(32));
        this.mailer = mailer;
        this.config = config;
    }

    public Uni<Outcome> post(String url, byte[] body, Map<String, String> headers) {
        RequestOptions options = new RequestOptions().setAbsoluteURI(url).setMethod(HttpMethod.POST)
                .setTimeout(config.delivery().timeout().toMillis()).setFollowRedirects(false);
        options.putHeader("Content-Type", "application/json");
        headers.forEach(options::putHeader);
        return http.request(options)
                .chain(request -> request.send(Buffer.buffer(body)))
                .chain(response -> response.body().map(ignored -> response.statusCode()))
                .map(status -> new Outcome(status >= 200 && status < 300, "HTTP " + status))
                .onFailure().recoverWithItem(failure -> new Outcome(false, failure.getClass().getSimpleName()));
    }

    public Uni<Outcome> mail(List<String> to, String subject, String html) {
        Mail mail = Mail.withHtml(to.get(0), subject, html);
        if (to.size() > 1) {
            mail.setTo(to);
        }
        return mailer.send(mail).map(ignored -> new Outcome(true, "accepted by SMTP"))
                .ifNoItem().after(config.delivery().timeout()).fail()
                .onFailure().recoverWithItem(failure -> new Outcome(false, failure.getClass().getSimpleName()));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
