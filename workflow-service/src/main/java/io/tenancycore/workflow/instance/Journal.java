package io.tenancycore.workflow.instance;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenancycore.workflow.engine.ExecutionJournal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of an instance only the runner reads: the definition document it runs (so trimming old versions never
 * strands it), the completed tasks with their outputs, context and next position, retry counts, wait deadlines, and
 * when waiting listens began.
 */
public class Journal {
    public JsonNode document;
    public Map<String, ExecutionJournal.CompletedStep> completed = new LinkedHashMap<>();
    public Map<String, Integer> retries = new LinkedHashMap<>();
    public Map<String, Instant> waits = new LinkedHashMap<>();
    /** When each waiting {@code listen} began, by position. */
    public Map<String, Instant> listens = new LinkedHashMap<>();
}
