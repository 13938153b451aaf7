package io.tenancycore.alert.testing;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import io.tenancycore.commons.testing.TestTokens;
import java.util.UUID;

/** Short hands of the ITs: a fresh tenant per test, requests with a tenant admin's token. */
public final class Api {

    private Api() {
    }

    public static String tenant() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static RequestSpecification as(String tenant) {
        return given().auth().oauth2(TestTokens.tenantAdmin(tenant)).contentType("application/json");
    }

    public static String alerts(String tenant) {
        return "/v1/tenants/" + tenant + "/alerts";
    }
}
