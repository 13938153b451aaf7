package io.tenancycore.commons.events.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.tenancycore.commons.error.Violation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final CloudEvent created = CloudEventBuilder.v1().withId("1").withSource(URI.create("/crm/accounts"))
            .withType("io.acme.tenant.created").withSubject("accounts/42").withExtension("region", "eu1").build();

    private EventFilter filter(String json) throws Exception {
        List<Violation> violations = new ArrayList<>();
        EventFilter filter = EventFilter.compile(mapper.readTree(json), "filters", violations);
        assertEquals(List.of(), violations);
        return filter;
    }

    private List<String> violations(String json) throws Exception {
        List<Violation> violations = new ArrayList<>();
        EventFilter.compile(mapper.readTree(json), "filters", violations);
        return violations.stream().map(Violation::field).toList();
    }

    @Test
    void exactComparesWholeValues() throws Exception {
        assertTrue(filter("[{\"exact\":{\"type\":\"io.acme.tenant.created\"}}]").test(created));
        assertFalse(filter("[{\"exact\":{\"type\":\"io.acme.tenant\"}}]").test(created));
    }

    @Test
    void prefixAndSuffixCompareEnds() throws Exception {
        assertTrue(filter("[{\"prefix\":{\"type\":\"io.acme.\"}}]").test(created));
        assertFalse(filter("[{\"prefix\":{\"type\":\"io.other.\"}}]").test(created));
        assertTrue(filter("[{\"suffix\":{\"subject\":\"/42\"}}]").test(created));
        assertFalse(filter("[{\"suffix\":{\"subject\":\"/43\"}}]").test(created));
    }

    @Test
    void extensionsAreAttributesTooAndAMissingOneMatchesNothing() throws Exception {
        assertTrue(filter("[{\"exact\":{\"region\":\"eu1\"}}]").test(created));
        assertFalse(filter("[{\"exact\":{\"dataschema\":\"x\"}}]").test(created));
        assertFalse(filter("[{\"prefix\":{\"nosuchext\":\"\"}}]").test(created));
    }

    @Test
    void allAnyAndNotCombine() throws Exception {
        assertTrue(filter("[{\"all\":[{\"prefix\":{\"type\":\"io.acme.\"}},{\"exact\":{\"region\":\"eu1\"}}]}]")
                .test(created));
        assertFalse(filter("[{\"all\":[{\"prefix\":{\"type\":\"io.acme.\"}},{\"exact\":{\"region\":\"us\"}}]}]")
                .test(created));
        assertTrue(filter("[{\"any\":[{\"exact\":{\"region\":\"us\"}},{\"suffix\":{\"type\":\".created\"}}]}]")
                .test(created));
        assertFalse(filter("[{\"not\":{\"exact\":{\"region\":\"eu1\"}}}]").test(created));
        assertTrue(filter("[{\"not\":{\"exact\":{\"region\":\"us\"}}}]").test(created));
    }

    @Test
    void everyFilterOfTheListMustMatchAndNoneMatchesEverything() throws Exception {
        assertFalse(filter("[{\"prefix\":{\"type\":\"io.acme.\"}},{\"exact\":{\"region\":\"us\"}}]").test(created));
        assertTrue(filter("[]").test(created));
        assertTrue(EventFilter.compile(null, "filters", new ArrayList<>()).test(created));
    }

    @Test
    void brokenExpressionsAreListedWithTheirPaths() throws Exception {
        assertEquals(List.of("filters[0]", "filters[1].exact", "filters[2].all", "filters[3].not"),
                violations("[{\"sql\":\"type = 'x'\"},{\"exact\":{\"type\":\"a\",\"subject\":\"b\"}},"
                        + "{\"all\":[]},{\"not\":{}}]"));
    }
}
