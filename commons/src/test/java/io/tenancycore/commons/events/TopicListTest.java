package io.tenancycore.commons.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The suite creates the topics of {@code infra/kafka/topics} before any service starts (and the services provision
 * {@link Topics#ALL} again, unless told not to as the chart does): the file must name exactly the topics they use.
 */
class TopicListTest {

    @Test
    void theSuitesTopicFileNamesEveryPlatformTopicAndNothingElse() throws IOException {
        Set<String> listed = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("..", "infra", "kafka", "topics"))) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                listed.add(trimmed.split("\\s+")[0]);
            }
        }
        assertEquals(new TreeSet<>(Topics.ALL), listed);
    }
}
