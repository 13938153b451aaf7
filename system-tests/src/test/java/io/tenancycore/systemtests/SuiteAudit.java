package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A tenant's audit trail as security-service's audit API answers it (oldest first, every page). */
final class SuiteAudit {

    private static final int PAGE = 500;

    private SuiteAudit() {
    }

    /**
     * Every entry of {@code tenant} whose action is {@code action} or starts with it (a dotted prefix); all entries
     * when {@code action} is null. {@code securityBase}: security-service's API, directly or through the gateway.
     */
    static List<Map<String, Object>> entries(String securityBase, String token, String tenant, String action) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().baseUri(securityBase).auth().oauth2(token).queryParam("limit", PAGE);
            if (action != null) {
                request.queryParam("action", action);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/tenants/{t}/audit", tenant).then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        return all;
    }
}
