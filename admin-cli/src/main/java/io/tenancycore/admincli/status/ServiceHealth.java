package io.tenancycore.admincli.status;

/** What one service's /q/health said; {@code detail} explains a failure (HTTP status or connection error). */
public record ServiceHealth(String service, String baseUrl, String status, String detail) {

    public static final String UP = "UP";
    public static final String UNREACHABLE = "UNREACHABLE";

    public boolean isUp() {
        return UP.equals(status);
    }
}
