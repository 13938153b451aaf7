package io.tenancycore.commons.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every response a {@code @QuarkusTest} receives through RestAssured is checked against the service's own OpenAPI
 * document (DESIGN, API conventions), so the document cannot drift from what the service answers. Requests are not
 * checked: tests send bad requests on purpose. Loaded by Quarkus' test callbacks from the commons test-jar, so every
 * module that depends on it is covered; a test that must talk to something else than the service under test sets
 * its own filters.
 */
public class OpenApiResponseValidation implements QuarkusTestBeforeEachCallback {

    private static volatile OpenApiValidationFilter filter;
    private static volatile String filterSource;

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!ConfigProvider.getConfig().getOptionalValue("tenancy.test.openapi-validation", Boolean.class)
                .orElse(true)) {
            return;
        }
        String document = documentUrl();
        if (!document.equals(filterSource)) {
            filter = new OpenApiValidationFilter(OpenApiInteractionValidator
                    .createForInlineApiSpecification(fetch(document))
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build());
            filterSource = document;
        }
        RestAssured.replaceFiltersWith(filter);
    }

    private static String documentUrl() {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
        return "http://localhost:" + port + "/q/openapi?format=json";
    }

    private static String fetch(String url) {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("OpenAPI document at " + url + " answered " + response.statusCode());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("OpenAPI document at " + url + " cannot be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
