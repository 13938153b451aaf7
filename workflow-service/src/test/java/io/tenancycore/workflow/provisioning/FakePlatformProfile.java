package io.tenancycore.workflow.provisioning;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.tenancycore.workflow.testing.FakePlatform;
import java.util.Map;

/**
 * The built-in templates against {@link FakePlatform} (config-service, security-service and template-service, token
 * endpoint included) and a real SMTP server (GreenMail), both started once for the test classes of this profile.
 */
public class FakePlatformProfile implements QuarkusTestProfile {

    static final FakePlatform PLATFORM = new FakePlatform();
    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.rest-client.config-service.url", PLATFORM.url(),
                "quarkus.rest-client.security-service.url", PLATFORM.url(),
                "quarkus.rest-client.template-service.url", PLATFORM.url(),
                "quarkus.oidc-client.auth-server-url", PLATFORM.url(),
                "quarkus.oidc-client.credentials.client-secret.value", "test-secret",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(SMTP.getSmtp().getPort()),
                "quarkus.mailer.mock", "false");
    }
}
