package io.tenancycore.workflow.instance;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What one task of an instance did, for monitoring: a task inside a loop shares its position (and so its record)
 * with its other iterations. {@code starts} counts every start, a resume of an interrupted task included;
 * {@code attempts} counts the runtime's retries (1 = no retry).
 */
public class TaskRecord {
    public String name;
    public String position;
    public String status;
    @JsonProperty("started_at")
    public Instant startedAt;
    @JsonProperty("ended_at")
    public Instant endedAt;
    @JsonProperty("duration_ms")
    public Long durationMs;
    public int attempts = 1;
    public int starts;
    public int completions;
    public String error;
}
