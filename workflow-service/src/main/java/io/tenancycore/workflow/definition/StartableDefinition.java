package io.tenancycore.workflow.definition;

/**
 * A definition to start an instance of, and what the script that creates the instance checks in Redis before anything
 * runs: that this version is still stored with the same JSON ({@code fingerprint}, see {@link StoredDefinition}) and,
 * for a start by name alone ({@code latest}), that it is still the latest. So a replica may keep definitions in
 * memory and still start every instance on what Redis holds at that moment, without a read of its own. Built-in
 * templates live in the process: no fingerprint, nothing to check.
 */
public record StartableDefinition(Definition definition, String fingerprint, boolean latest) {

    public boolean checkedInRedis() {
        return fingerprint != null;
    }
}
