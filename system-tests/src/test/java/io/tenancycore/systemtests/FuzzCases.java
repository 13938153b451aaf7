package io.tenancycore.systemtests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;

/**
 * The bad requests the fuzzer sends to one operation: malformed JSON, wrong types, extreme numbers, deep nesting,
 * long strings, many keys, oversized bodies, wrong content types and garbage query parameters. Fixed cases cover
 * each kind once; jqwik arbitraries, drawn from a {@link Random} seeded per operation, add {@code tries} random ones,
 * so a failure is replayed with the same seed.
 */
final class FuzzCases {

    /** Beyond every service's {@code quarkus.http.limits.max-body-size} (1M at most). */
    static final int OVERSIZED_BYTES = 2 * 1024 * 1024;
    private static final int LONG_STRING_CHARS = 1024 * 1024;
    /** Long, but under every service's body limit (512K at least): it reaches the JSON reader. */
    private static final int LONG_STRING_UNDER_LIMIT_CHARS = 256 * 1024;
    private static final int DEEP_NESTING = 10_000;
    private static final int MANY_KEYS = 10_000;
    private static final int GEN_SIZE = 1000;
    private static final List<String> HUGE_NUMBERS = List.of("1e400", "-1e400", "-0", "9223372036854775808",
            "-9223372036854775809", "1e-400", "123456789012345678901234567890.123456789", "4.9e-324");
    private static final List<String> QUERY_GARBAGE = List.of("abc", "-1", "0", "99999999999999999999", "1e400",
            "", "%00", "%FF%FE", "%E0%80%AF", "%5B%5D", "%7B%7D", "null", "x".repeat(3000), "%27%22%3C%3E");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FuzzCases() {
    }

    /**
     * One request: {@code body} {@code null} for none, {@code contentType} {@code null} for no header,
     * {@code chunked} to send the body without a length, {@code query} a raw query string or {@code null};
     * {@code expected} the only acceptable statuses, or empty for "any refusal of bad input (or a 2xx)".
     */
    record FuzzCase(String label, byte[] body, String contentType, boolean chunked, String query,
            Set<Integer> expected) {

        static FuzzCase json(String label, byte[] body) {
            return new FuzzCase(label, body, "application/json", false, null, Set.of());
        }

        static FuzzCase json(String label, String body) {
            return json(label, body.getBytes(StandardCharsets.UTF_8));
        }

        /** What the failure message shows of the body: its start, and its length. */
        String describe() {
            StringBuilder text = new StringBuilder(label);
            if (query != null) {
                text.append(" ?").append(abbreviate(query));
            }
            if (body != null) {
                text.append(" [").append(contentType == null ? "no content type" : contentType)
                        .append(chunked ? ", chunked" : "").append(", ").append(body.length).append(" bytes] ")
                        .append(abbreviate(new String(body, StandardCharsets.UTF_8)));
            }
            return text.toString();
        }

        private static String abbreviate(String text) {
            String printable = text.replace("\u0000", "\\0");
            return printable.length() <= 120 ? printable : printable.substring(0, 120) + "…";
        }
    }

    static List<FuzzCase> of(OpenApiOperations.ApiOperation operation, Random random, int tries) {
        List<FuzzCase> cases = new ArrayList<>();
        // jqwik generators memoize in a session; outside a jqwik property this one provides it
        JqwikSession.run(() -> cases.addAll(generate(operation, random, tries)));
        return cases;
    }

    private static List<FuzzCase> generate(OpenApiOperations.ApiOperation operation, Random random, int tries) {
        List<FuzzCase> cases = new ArrayList<>();
        if (operation.takesBody() || !Set.of("GET", "DELETE").contains(operation.verb())) {
            JsonNode sample = operation.takesJson()
                    ? SchemaSamples.sample(operation.bodySchema(), operation.schemas())
                    : NODES.objectNode().put("fuzz", "fuzz");
            cases.addAll(malformed(sample, random, tries));
            cases.addAll(oversized(operation.takesBody()));
            if (operation.takesJson()) {
                cases.addAll(wrongTypes(operation, sample, random, tries));
                cases.addAll(extremes(operation, sample, random));
                cases.addAll(contentTypes(operation, sample));
            }
        }
        if (!operation.queryParameters().isEmpty() || Set.of("GET", "DELETE").contains(operation.verb())) {
            cases.addAll(queries(operation, random, tries));
        }
        return cases;
    }

    private static List<FuzzCase> malformed(JsonNode sample, Random random, int tries) {
        String valid = write(sample);
        List<FuzzCase> cases = new ArrayList<>(List.of(
                FuzzCase.json("empty body", ""),
                FuzzCase.json("truncated", valid.substring(0, valid.length() / 2)),
                FuzzCase.json("unbalanced object", "{\"a\":"),
                FuzzCase.json("unbalanced array", "[[[{"),
                FuzzCase.json("extra closing brace", valid + "}"),
                FuzzCase.json("trailing comma", "{\"a\":1,}"),
                FuzzCase.json("single quotes", "{'a':1}"),
                FuzzCase.json("trailing garbage", valid + " garbage"),
                FuzzCase.json("two documents", valid + valid),
                FuzzCase.json("invalid UTF-8", bytes("{\"a\":\"", new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}, "\"}")),
                FuzzCase.json("overlong UTF-8", bytes("{\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\":1}")),
                FuzzCase.json("byte order mark and garbage", bytes("", new byte[] {(byte) 0xFF, (byte) 0xFE}, valid)),
                FuzzCase.json("NUL in a key", "{\"a\u0000b\":1}"),
                FuzzCase.json("NUL bytes only", "\u0000\u0000\u0000"),
                FuzzCase.json("escaped NUL in every string", valid.replace("\"fuzz\"", "\"fu\\u0000zz\"")),
                FuzzCase.json("null root", "null"),
                FuzzCase.json("string root", "\"fuzz\""),
                FuzzCase.json("number root", "123"),
                FuzzCase.json("array root", "[]"),
                FuzzCase.json("NaN literal", "{\"a\":NaN}"),
                FuzzCase.json("comment", "/* x */" + valid)));
        Arbitrary<byte[]> garbage = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64);
        for (int i = 0; i < tries; i++) {
            cases.add(FuzzCase.json("random bytes #" + i, draw(garbage, random)));
        }
        return cases;
    }

    /**
     * A declared length over the limit is refused before anything else; a chunked body only when the operation reads
     * it (one that takes none answers without reading it).
     */
    private static List<FuzzCase> oversized(boolean readsBody) {
        byte[] huge = ("{\"a\":\"" + "x".repeat(OVERSIZED_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        return List.of(
                new FuzzCase("oversized (Content-Length)", huge, "application/json", false, null, Set.of(413)),
                new FuzzCase("oversized (chunked)", huge, "application/json", true, null,
                        readsBody ? Set.of(413) : Set.of()));
    }

    private static List<FuzzCase> wrongTypes(OpenApiOperations.ApiOperation operation, JsonNode sample,
            Random random, int tries) {
        List<String> targets = SchemaSamples.targets(sample);
        List<FuzzCase> cases = new ArrayList<>();
        // each target once with a value of another type, then random targets with random values
        for (String target : targets) {
            cases.add(wrongType(operation, sample, target, random));
        }
        Arbitrary<String> anyTarget = Arbitraries.of(targets);
        for (int i = 0; i < tries; i++) {
            cases.add(wrongType(operation, sample, draw(anyTarget, random), random));
        }
        return cases;
    }

    private static FuzzCase wrongType(OpenApiOperations.ApiOperation operation, JsonNode sample, String target,
            Random random) {
        String declared = SchemaSamples.typeOf(
                SchemaSamples.schemaAt(operation.bodySchema(), target, operation.schemas()), operation.schemas());
        JsonNode value = draw(JsonValues.otherThan(declared), random);
        return FuzzCase.json("wrong type at " + pointerLabel(target) + " (" + (declared.isEmpty() ? "any" : declared)
                + " ← " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ")",
                write(replace(sample, target, value)));
    }

    private static List<FuzzCase> extremes(OpenApiOperations.ApiOperation operation, JsonNode sample,
            Random random) {
        List<String> targets = SchemaSamples.targets(sample);
        List<String> numeric = targets.stream().filter(target -> Set.of("integer", "number").contains(
                SchemaSamples.typeOf(SchemaSamples.schemaAt(operation.bodySchema(), target, operation.schemas()),
                        operation.schemas()))).toList();
        List<String> strings = targets.stream().filter(target -> "string".equals(
                SchemaSamples.typeOf(SchemaSamples.schemaAt(operation.bodySchema(), target, operation.schemas()),
                        operation.schemas()))).toList();
        String numberTarget = draw(Arbitraries.of(numeric.isEmpty() ? targets : numeric), random);
        String stringTarget = draw(Arbitraries.of(strings.isEmpty() ? targets : strings), random);
        List<FuzzCase> cases = new ArrayList<>();
        for (String number : HUGE_NUMBERS) {
            cases.add(FuzzCase.json("number " + number + " at " + pointerLabel(numberTarget),
                    write(replace(sample, numberTarget, NODES.rawValueNode(new RawValue(number))))));
        }
        cases.add(FuzzCase.json("10k nested arrays", "[".repeat(DEEP_NESTING) + "]".repeat(DEEP_NESTING)));
        cases.add(FuzzCase.json("10k nested objects",
                "{\"a\":".repeat(DEEP_NESTING) + "1" + "}".repeat(DEEP_NESTING)));
        cases.add(FuzzCase.json("10k nested arrays at " + pointerLabel(stringTarget), write(replace(sample,
                stringTarget, NODES.rawValueNode(new RawValue("[".repeat(DEEP_NESTING) + "]".repeat(DEEP_NESTING)))))));
        cases.add(new FuzzCase("1 MiB string at " + pointerLabel(stringTarget),
                write(replace(sample, stringTarget, NODES.textNode("x".repeat(LONG_STRING_CHARS))))
                        .getBytes(StandardCharsets.UTF_8), "application/json", false, null, Set.of(413)));
        cases.add(FuzzCase.json("256 KiB string at " + pointerLabel(stringTarget),
                write(replace(sample, stringTarget, NODES.textNode("é".repeat(LONG_STRING_UNDER_LIMIT_CHARS / 2))))));
        ObjectNode manyKeys = sample.isObject() ? ((ObjectNode) sample).deepCopy() : NODES.objectNode();
        for (int i = 0; i < MANY_KEYS; i++) {
            manyKeys.put("k" + i, i);
        }
        cases.add(FuzzCase.json("10k keys", write(manyKeys)));
        return cases;
    }

    private static List<FuzzCase> contentTypes(OpenApiOperations.ApiOperation operation, JsonNode sample) {
        byte[] body = write(sample).getBytes(StandardCharsets.UTF_8);
        List<FuzzCase> cases = new ArrayList<>();
        for (String type : List.of("text/plain", "application/xml")) {
            if (!operation.bodyMediaTypes().contains(type)) {
                cases.add(new FuzzCase("content type " + type, body, type, false, null, Set.of(415)));
            }
        }
        cases.add(new FuzzCase("no content type", body, null, false, null, Set.of()));
        return cases;
    }

    private static List<FuzzCase> queries(OpenApiOperations.ApiOperation operation, Random random, int tries) {
        List<FuzzCase> cases = new ArrayList<>();
        List<String> names = new ArrayList<>(operation.queryParameters().keySet());
        for (String name : names) {
            for (String value : QUERY_GARBAGE) {
                cases.add(query("query " + name + "=" + (value.length() > 20 ? value.length() + " chars" : value),
                        name + "=" + value));
            }
            cases.add(query("query " + name + " twice", name + "=1&" + name + "=abc"));
        }
        cases.add(query("unknown query parameter", "fuzz_unknown=%00%FF&=&&=x"));
        Arbitrary<String> anyName = names.isEmpty() ? Arbitraries.just("fuzz") : Arbitraries.of(names);
        Arbitrary<String> values = Arbitraries.strings().withCharRange('\u0001', '\uD7FF').ofMaxLength(64);
        Arbitrary<String> pairs = Combinators.combine(anyName, values)
                .as((name, value) -> name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        for (int i = 0; i < tries; i++) {
            String pair = draw(pairs, random);
            cases.add(query("random query #" + i, pair));
        }
        return cases;
    }

    private static FuzzCase query(String label, String query) {
        return new FuzzCase(label, null, null, false, query, Set.of());
    }

    private static <T> T draw(Arbitrary<T> arbitrary, Random random) {
        return arbitrary.generator(GEN_SIZE).next(random).value();
    }

    /** A copy of {@code sample} with {@code value} at {@code pointer} ({@code ""}: instead of the whole body). */
    private static JsonNode replace(JsonNode sample, String pointer, JsonNode value) {
        if (pointer.isEmpty()) {
            return value;
        }
        JsonNode copy = sample.deepCopy();
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
        return copy;
    }

    private static String pointerLabel(String pointer) {
        return pointer.isEmpty() ? "the body" : pointer;
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
