package io.tenancycore.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** jqwik arbitraries of JSON values by type, for putting a value of the wrong type where a schema wants another. */
final class JsonValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Any char but lone surrogates, which no UTF-8 encoder can write. */
    private static final Arbitrary<String> TEXT = Arbitraries.strings().withCharRange('\u0000', '\uD7FF')
            .ofMaxLength(40);

    private static final Arbitrary<JsonNode> STRINGS = TEXT.map(NODES::textNode);
    private static final Arbitrary<JsonNode> INTEGERS = Arbitraries.longs().map(NODES::numberNode);
    private static final Arbitrary<JsonNode> NUMBERS = Arbitraries.doubles().map(NODES::numberNode);
    private static final Arbitrary<JsonNode> BOOLEANS = Arbitraries.of(true, false).map(NODES::booleanNode);
    private static final Arbitrary<JsonNode> NULLS = Arbitraries.just(NODES.nullNode());
    private static final Arbitrary<JsonNode> ARRAYS = STRINGS.list().ofMaxSize(3).map(items -> {
        ArrayNode array = NODES.arrayNode();
        items.forEach(array::add);
        return array;
    });
    private static final Arbitrary<JsonNode> OBJECTS = Arbitraries.maps(
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), STRINGS).ofMaxSize(3).map(fields -> {
        ObjectNode object = NODES.objectNode();
        fields.forEach(object::set);
        return object;
    });

    private JsonValues() {
    }

    /** Values of every JSON type but {@code type} (a schema type name; {@code ""} for none: then of every type). */
    static Arbitrary<JsonNode> otherThan(String type) {
        List<Arbitrary<JsonNode>> others = new ArrayList<>();
        if (!type.equals("string")) {
            others.add(STRINGS);
        }
        if (!type.equals("integer") && !type.equals("number")) {
            others.add(INTEGERS);
        }
        if (!type.equals("number")) {
            others.add(NUMBERS); // 1.5 is the wrong type for an integer too
        }
        if (!type.equals("boolean")) {
            others.add(BOOLEANS);
        }
        if (!type.equals("array")) {
            others.add(ARRAYS);
        }
        if (!type.equals("object")) {
            others.add(OBJECTS);
        }
        others.add(NULLS);
        return Arbitraries.oneOf(others);
    }
}
