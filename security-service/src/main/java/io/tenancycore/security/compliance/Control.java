package io.tenancycore.security.compliance;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One evaluated control of a compliance report.
 *
 * @param evidence what was measured, so an auditor can see why the control passed or failed
 */
public record Control(@JsonProperty("id") String id, @JsonProperty("title") String title,
        @JsonProperty("status") Status status, @JsonProperty("evidence") Map<String, Object> evidence) {

    public enum Status {
        @JsonProperty("pass")
        PASS,
        @JsonProperty("fail")
        FAIL
    }

    static Control of(String id, String title, boolean passed, Map<String, Object> evidence) {
        return new Control(id, title, passed ? Status.PASS : Status.FAIL, evidence);
    }

    public boolean passed() {
        return status == Status.PASS;
    }
}
