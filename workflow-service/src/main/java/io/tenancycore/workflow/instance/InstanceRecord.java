package io.tenancycore.workflow.instance;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A workflow instance as the API shows it and Redis keeps it (its journal lives beside it, see {@link Journal}). */
public class InstanceRecord {
    public String id;
    @JsonProperty("tenant_id")
    public String tenantId;
    public String definition;
    public long version;
    public InstanceStatus status;
    public JsonNode input;
    public JsonNode output;
    public String error;
    @JsonProperty("created_at")
    public Instant createdAt;
    @JsonProperty("started_at")
    public Instant startedAt;
    @JsonProperty("ended_at")
    public Instant endedAt;
    @JsonProperty("duration_ms")
    public Long durationMs;
    @JsonProperty("resumed_count")
    public int resumedCount;
    public List<TaskRecord> tasks = new ArrayList<>();
}
