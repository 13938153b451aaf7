package io.tenancycore.alert.alert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * Writes an {@link Alert} as the JSON {@code ObjectMapper} writes for it (same fields, order, snake_case names, ISO-8601
 * instants, nulls left out), with the streaming generator instead of data binding. Every post of an alert stores it
 * again (its {@code updated_at} moves), and Jackson's bean and map serializers with the java.time formatter were the
 * largest CPU cost left on the ingest path. A re-sent alert whose post changed nothing but {@code updated_at} is
 * written by replacing that one value in the JSON it was last written as. {@code AlertJsonTest} holds both to the
 * mapper's output.
 */
final class AlertJson {

    /** An alert's JSON and where the value of its {@code updated_at} sits in it (-1: it has none). */
    record Written(String json, int updatedAtFrom, int updatedAtTo) {
    }

    private final ObjectMapper mapper;

    AlertJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The JSON of {@code alert}, which was {@code before} (written as {@code previous}, either may be null) until a
     * post: only the {@code updated_at} value is replaced when that is all that changed.
     */
    Written write(Alert alert, Alert before, Written previous) {
        if (previous == null || previous.updatedAtFrom() < 0 || alert.updatedAt() == null
                || !alert.equals(withUpdatedAt(before, alert.updatedAt()))) {
            return write(alert);
        }
        String updatedAt = iso(alert.updatedAt());
        String json = previous.json();
        int from = previous.updatedAtFrom();
        return new Written(json.substring(0, from) + updatedAt + json.substring(previous.updatedAtTo()), from,
                from + updatedAt.length());
    }

    private static Alert withUpdatedAt(Alert alert, Instant updatedAt) {
        return alert == null ? null : new Alert(alert.fingerprint(), alert.name(), alert.state(), alert.severity(),
                alert.labels(), alert.annotations(), alert.data(), alert.generatorUrl(), alert.source(),
                alert.startsAt(), alert.endsAt(), updatedAt, alert.acknowledgedAt(), alert.acknowledgedBy(),
                alert.resolvedAt(), alert.occurrences());
    }

    Written write(Alert alert) {
        StringWriter out = new StringWriter(512);
        int updatedAtFrom = -1;
        int updatedAtTo = -1;
        try (JsonGenerator json = mapper.createGenerator(out)) {
            json.writeStartObject();
            string(json, "fingerprint", alert.fingerprint());
            string(json, "name", alert.name());
            string(json, "state", alert.state() == null ? null : alert.state().wireName());
            string(json, "severity", alert.severity());
            map(json, "labels", alert.labels());
            map(json, "annotations", alert.annotations());
            if (alert.data() != null) {
                json.writeFieldName("data");
                json.writeTree(alert.data());
            }
            string(json, "generator_url", alert.generatorUrl());
            string(json, "source", alert.source());
            instant(json, "starts_at", alert.startsAt());
            instant(json, "ends_at", alert.endsAt());
            if (alert.updatedAt() != null) {
                String updatedAt = iso(alert.updatedAt());
                json.writeStringField("updated_at", updatedAt);
                json.flush();
                // the generator wrote ,"updated_at":"<value>" last: the value ends before the closing quote
                updatedAtTo = out.getBuffer().length() - 1;
                updatedAtFrom = updatedAtTo - updatedAt.length();
            }
            instant(json, "acknowledged_at", alert.acknowledgedAt());
            string(json, "acknowledged_by", alert.acknowledgedBy());
            instant(json, "resolved_at", alert.resolvedAt());
            if (alert.occurrences() != null) {
                json.writeNumberField("occurrences", alert.occurrences());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Written(out.toString(), updatedAtFrom, updatedAtTo);
    }

    private static void string(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    private static void map(JsonGenerator json, String field, Map<String, String> map) throws IOException {
        if (map == null) {
            return;
        }
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> entry : map.entrySet()) {
            if (entry.getValue() == null) {
                json.writeNullField(entry.getKey());
            } else {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
        }
        json.writeEndObject();
    }

    private static void instant(JsonGenerator json, String field, Instant value) throws IOException {
        if (value != null) {
            json.writeStringField(field, iso(value));
        }
    }

    /**
     * {@link Instant#toString()} (ISO_INSTANT, what the mapper writes) without the formatter's machinery for the
     * instants alerts carry: years 1970–9999 at whole seconds or milliseconds; any other instant takes the formatter.
     */
    static String iso(Instant instant) {
        long seconds = instant.getEpochSecond();
        int nanos = instant.getNano();
        if (seconds < 0 || seconds >= 253402300800L || nanos % 1_000_000 != 0) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(seconds / 86400);
        int ofDay = (int) (seconds % 86400);
        char[] text = new char[nanos == 0 ? 20 : 24];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, ofDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, ofDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, ofDay % 60, 2);
        if (nanos != 0) {
            text[19] = '.';
            digits(text, 20, nanos / 1_000_000, 3);
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
