package io.tenancycore.config.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tenancycore.commons.testing.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A tiny real HTTP server implementing the part of security-service's contract that config-service calls
 * (contracts.md): the client-credentials token endpoint (tokens signed with the test key, role {@code service})
 * and per-tenant transit keys with AES-256-GCM encrypt/decrypt, {@code tc:v1:} ciphertexts. It refuses calls
 * without a bearer token it issued. config-service's OIDC client is pointed at it, so its token requests and the
 * bearer each transit call carries are recorded ({@link #TOKEN_REQUESTS}, {@link #BEARERS}). security-service's
 * own ITs run the same flow against the real token endpoint.
 */
public class FakeSecurityService implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_SECRET = "test-config-service-secret";
    public static final AtomicInteger ENCRYPT_CALLS = new AtomicInteger();
    /** Every token request as received: form fields, and whether it carried an Authorization header. */
    public static final List<TokenRequest> TOKEN_REQUESTS = new CopyOnWriteArrayList<>();
    /** The bearer token of every authorized call, in order. */
    public static final List<String> BEARERS = new CopyOnWriteArrayList<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create());
        router.post("/v1/auth/token").handler(this::token);
        router.post("/v1/tenants/:tenant/keys").handler(authorized(this::createKey));
        router.post("/v1/tenants/:tenant/keys/:name/encrypt").handler(authorized(this::encrypt));
        router.post("/v1/tenants/:tenant/keys/:name/decrypt").handler(authorized(this::decrypt));
        try {
            server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage()
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake security-service did not start", e);
        }
        return Map.of(
                "quarkus.rest-client.security-service.url", "http://localhost:" + server.actualPort(),
                "quarkus.oidc-client.credentials.client-secret.value", CLIENT_SECRET);
    }

    /** A token request: its form fields and whether it also sent an Authorization header (client_secret_basic). */
    public record TokenRequest(String grantType, String clientId, String clientSecret, boolean basicHeader) {
        @Override
        public String toString() {
            return "TokenRequest[" + grantType + ", " + clientId + ", basic=" + basicHeader + "]";
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private void token(RoutingContext context) {
        String clientId = context.request().getFormAttribute("client_id");
        String secret = context.request().getFormAttribute("client_secret");
        TOKEN_REQUESTS.add(new TokenRequest(context.request().getFormAttribute("grant_type"), clientId, secret,
                context.request().getHeader("Authorization") != null));
        if (!"client_credentials".equals(context.request().getFormAttribute("grant_type"))
                || !CLIENT_SECRET.equals(secret) || clientId == null) {
            context.response().setStatusCode(401).end(new JsonObject().put("error", "invalid_client").encode());
            return;
        }
        // what security-service gives config-service's client
        String token = TestTokens.service(clientId, "roles:read", "tenants:read", "keys:write", "keys:encrypt",
                "keys:decrypt");
        issued.add(token);
        json(context, 200, new JsonObject().put("access_token", token).put("token_type", "Bearer")
                .put("expires_in", 600));
    }

    private io.vertx.core.Handler<RoutingContext> authorized(io.vertx.core.Handler<RoutingContext> next) {
        return context -> {
            String header = context.request().getHeader("Authorization");
            if (header == null || !header.startsWith("Bearer ") || !issued.contains(header.substring(7))) {
                context.response().setStatusCode(401).end();
                return;
            }
            BEARERS.add(header.substring(7));
            next.handle(context);
        };
    }

    private void createKey(RoutingContext context) {
        String name = context.body().asJsonObject().getString("name");
        String id = context.pathParam("tenant") + "/" + name;
        if (keys.containsKey(id)) {
            json(context, 409, new JsonObject().put("detail", "exists"));
            return;
        }
        keys.put(id, newKey());
        json(context, 201, new JsonObject().put("name", name).put("latest_version", 1));
    }

    private void encrypt(RoutingContext context) {
        SecretKey key = keys.get(context.pathParam("tenant") + "/" + context.pathParam("name"));
        if (key == null) {
            context.response().setStatusCode(404).end();
            return;
        }
        ENCRYPT_CALLS.incrementAndGet();
        try {
            byte[] plaintext = Base64.getDecoder().decode(context.body().asJsonObject().getString("plaintext"));
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            json(context, 200, new JsonObject().put("ciphertext", "tc:v1:" + Base64.getEncoder().encodeToString(out)));
        } catch (Exception e) {
            context.response().setStatusCode(500).end();
        }
    }

    private void decrypt(RoutingContext context) {
        SecretKey key = keys.get(context.pathParam("tenant") + "/" + context.pathParam("name"));
        String ciphertext = context.body().asJsonObject().getString("ciphertext");
        if (key == null || ciphertext == null || !ciphertext.startsWith("tc:v1:")) {
            context.response().setStatusCode(key == null ? 404 : 400).end();
            return;
        }
        try {
            byte[] in = Base64.getDecoder().decode(ciphertext.substring(6));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            byte[] plaintext = cipher.doFinal(in, 12, in.length - 12);
            json(context, 200, new JsonObject().put("plaintext", Base64.getEncoder().encodeToString(plaintext)));
        } catch (Exception e) {
            context.response().setStatusCode(400).end();
        }
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json(RoutingContext context, int status, JsonObject body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
