package io.tenancycore.alert.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Lanes write one tenant's posts one batch at a time, in order, and leave the map once they run dry. */
class IngestLanesTest {

    /** Answers asynchronously; records per tenant how many writes overlapped, and what was written in what order. */
    private static final class RecordingWriter {
        final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        final AtomicInteger maxOverlap = new AtomicInteger();
        final Map<String, List<String>> written = new ConcurrentHashMap<>();
        final ExecutorService pool = Executors.newFixedThreadPool(4);

        Uni<List<AlertService.Ingested>> write(String tenant, List<IngestLanes.Post> posts) {
            int now = inFlight.computeIfAbsent(tenant, t -> new AtomicInteger()).incrementAndGet();
            maxOverlap.accumulateAndGet(now, Math::max);
            return Uni.createFrom().item(() -> {
                        List<String> log = written.computeIfAbsent(tenant,
                                t -> Collections.synchronizedList(new ArrayList<>()));
                        posts.forEach(post -> log.add(post.actor()));
                        inFlight.get(tenant).decrementAndGet();
                        return posts.stream().map(post -> new AlertService.Ingested(null, true, null)).toList();
                    })
                    .runSubscriptionOn(pool);
        }
    }

    @Test
    void aLaneThatRunsDryLeavesTheMap() {
        RecordingWriter writer = new RecordingWriter();
        IngestLanes lanes = new IngestLanes(writer::write, 100);
        for (int tenant = 0; tenant < 50; tenant++) {
            List<AlertService.Ingested> answers = lanes.submit("tenant-" + tenant,
                    List.of(new IngestLanes.Post(null, "a"), new IngestLanes.Post(null, "b")))
                    .await().atMost(Duration.ofSeconds(5));
            assertEquals(2, answers.size());
        }
        assertEquals(0, lanes.activeLanes(), "50 tenants seen, none with posts in flight");
        writer.pool.shutdownNow();
    }

    @Test
    void concurrentPostsOfOneTenantAreWrittenOneBatchAtATimeAndAllAnswered() throws Exception {
        RecordingWriter writer = new RecordingWriter();
        IngestLanes lanes = new IngestLanes(writer::write, 8);
        ExecutorService posters = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answered = new ArrayList<>();
            for (int poster = 0; poster < 8; poster++) {
                int id = poster;
                answered.add(posters.submit(() -> {
                    int answers = 0;
                    for (int i = 0; i < 200; i++) {
                        // two tenants, so lanes keep running dry and being made again while others post
                        String tenant = i % 2 == 0 ? "acme" : "globex";
                        answers += lanes.submit(tenant, List.of(new IngestLanes.Post(null, id + ":" + i)))
                                .await().atMost(Duration.ofSeconds(10)).size();
                    }
                    return answers;
                }));
            }
            for (Future<Integer> count : answered) {
                assertEquals(200, count.get());
            }
        } finally {
            posters.shutdownNow();
            writer.pool.shutdownNow();
        }
        assertEquals(1, writer.maxOverlap.get(), "a tenant had two writes in flight at once");
        assertEquals(1_600, writer.written.get("acme").size() + writer.written.get("globex").size(),
                "every post written exactly once");
        for (List<String> log : writer.written.values()) {
            // each poster's own posts keep their order within a tenant
            Map<String, Integer> last = new ConcurrentHashMap<>();
            for (String entry : log) {
                String[] parts = entry.split(":");
                int previous = last.getOrDefault(parts[0], -1);
                assertTrue(Integer.parseInt(parts[1]) > previous, "out of order: " + entry);
                last.put(parts[0], Integer.parseInt(parts[1]));
            }
        }
        assertEquals(0, lanes.activeLanes());
    }
}
