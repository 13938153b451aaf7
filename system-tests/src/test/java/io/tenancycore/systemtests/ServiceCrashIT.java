package io.tenancycore.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A service process of the running suite killed with SIGKILL in the middle of its work (no graceful stop: its leases
 * stay held, nothing is flushed), then started again by {@code ./suite start} with the suite's own settings, loses
 * nothing and repeats nothing a user sees: a workflow instance killed in its {@code wait} completes with every task run
 * once and the wait's original deadline kept (resumed once its lease, 15 s in the prod profile, expired); an alert
 * escalation killed between its levels sends the next level exactly once after the restart and never the level already
 * delivered again, and an alert acknowledged before the crash does not escalate after it.
 */
class ServiceCrashIT {

    private static final SuiteService WORKFLOWS = SuiteService.named("workflow-service");
    private static final SuiteService ALERTS = SuiteService.named("alert-service");
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Set<String> FINAL = Set.of("completed", "failed", "cancelled");

    /**
     * The wait the workflow is killed in. Kept, it ends at its first deadline (or at the resume, when the deadline
     * passed while the service was down); started over, it would end a whole wait after the resume.
     */
    private static final int WAIT_SECONDS = 20;
    /** How far the wait may end past its deadline (or past its resume, when the deadline passed while it was down). */
    private static final Duration WAIT_END_TOLERANCE = Duration.ofSeconds(5);

    /** alert-service's escalation round (tenancy.alerts.escalation-interval). */
    private static final Duration ESCALATION_ROUND = Duration.ofSeconds(5);
    private static final Duration LEVEL_2_OFFSET = Duration.ofSeconds(31);

    private static String run() {
        return Long.toString(System.nanoTime(), 36);
    }

    @Test
    void aWorkflowInstanceKilledInItsWaitCompletesAfterTheRestartWithEachTaskRunOnceAndItsDeadlineKept() {
        String admin = SuiteTokens.platformAdmin();
        String tenant = "crash-wf-" + run();
        SuiteTenants.register(admin, tenant);
        SuiteWorkflows workflows = new SuiteWorkflows(WORKFLOWS, SuiteTokens.newTenantClient(admin, tenant,
                "tenant-admin"), tenant);
        workflows.defineSetWaitSet("crash-wait", WAIT_SECONDS);
        String id = workflows.start("crash-wait", "ada");
        await().atMost(Duration.ofSeconds(30)).pollInterval(POLL).until(() -> "waiting".equals(workflows.status(id)));
        Instant waitStarted = Instant.parse((String) SuiteWorkflows.task(workflows.instance(id), "pause")
                .get("started_at"));

        SuiteScript.kill("workflow-service");
        SuiteScript.start("workflow-service");

        // the restarted process resumes it once the dead process's lease expired
        await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() -> {
            JsonPath instance = workflows.instance(id);
            return instance.getInt("resumed_count") > 0 || FINAL.contains(instance.getString("status"));
        });
        Instant resumeSeen = Instant.now();
        await().atMost(Duration.ofSeconds(WAIT_SECONDS + 30)).pollInterval(POLL)
                .until(() -> FINAL.contains(workflows.status(id)));

        JsonPath done = workflows.instance(id);
        assertEquals("completed", done.getString("status"), done.prettify());
        assertEquals(3, done.getInt("output.step"));
        assertEquals("ada", done.getString("output.who"));
        assertEquals(1, done.getInt("resumed_count"), "resumed once, by the restarted process");
        Map<String, Object> before = SuiteWorkflows.task(done, "before");
        Map<String, Object> pause = SuiteWorkflows.task(done, "pause");
        Map<String, Object> after = SuiteWorkflows.task(done, "after");
        assertEquals(List.of(1, 1, 1), List.of(before.get("starts"), before.get("completions"),
                before.get("attempts")), "the task completed before the kill is not run again: " + before);
        assertEquals(List.of(1, 1), List.of(pause.get("completions"), pause.get("attempts")), pause.toString());
        assertEquals(List.of(1, 1, 1), List.of(after.get("starts"), after.get("completions"), after.get("attempts")),
                after.toString());

        // the wait kept its first deadline: it ended no earlier than it, and not a whole wait after the resume
        assertEquals(waitStarted, Instant.parse((String) pause.get("started_at")));
        Instant deadline = waitStarted.plusSeconds(WAIT_SECONDS);
        Instant waitEnded = Instant.parse((String) pause.get("ended_at"));
        assertTrue(!waitEnded.isBefore(deadline), "waited the whole duration: ended " + waitEnded + ", due "
                + deadline);
        Instant latest = (deadline.isAfter(resumeSeen) ? deadline : resumeSeen).plus(WAIT_END_TOLERANCE);
        assertTrue(waitEnded.isBefore(latest), "the wait started over after the crash: ended " + waitEnded
                + ", due " + deadline + ", resumed by " + resumeSeen);

        // one instance for its watchers: started once (a resume is no new start), completed once
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<Map<String, String>> events = SuiteTopics.headersOfRecordsKeyed(SuiteWorkflows.EVENTS_TOPIC, tenant);
            assertEquals(1, SuiteTopics.cloudEvents(events, SuiteWorkflows.STARTED, id), "started events");
            assertEquals(1, SuiteTopics.cloudEvents(events, SuiteWorkflows.COMPLETED, id), "completed events");
        });
    }

    @Test
    void anEscalationKilledBetweenItsLevelsSendsTheNextLevelOnceAfterTheRestartAndNothingTwice() throws Exception {
        String admin = SuiteTokens.platformAdmin();
        String tenant = "crash-al-" + run();
        SuiteTenants.register(admin, tenant);
        SuiteAlerts alerts = new SuiteAlerts(ALERTS, SuiteTokens.newTenantClient(admin, tenant, "tenant-admin"),
                tenant);
        try (LoopbackSink sink = new LoopbackSink()) {
            alerts.webhookReceiver("level1", sink.url("/level1"));
            alerts.webhookReceiver("level2", sink.url("/level2"));
            alerts.escalationPolicy("oncall", List.of("severity=\"critical\""), List.of(
                    Map.of("delay", "1s", "receivers", List.of("level1")),
                    Map.of("delay", (LEVEL_2_OFFSET.toSeconds() - 1) + "s", "receivers", List.of("level2"))));
            Map<String, String> critical = Map.of("severity", "critical");

            alerts.post("crash.unacknowledged", critical).then().statusCode(201);
            awaitDeliveries(sink, "/level1", "crash.unacknowledged", 1);
            // A's level 1 is recorded when a later escalation round runs: B's level 1 proves one did
            String acknowledged = alerts.post("crash.acknowledged", critical).then().statusCode(201)
                    .extract().path("fingerprint");
            Instant acknowledgedStarted = Instant.now();
            awaitDeliveries(sink, "/level1", "crash.acknowledged", 1);
            alerts.acknowledge(acknowledged);
            assertEquals(List.of(), sink.at("/level2"), "level 2 came before the crash: the test needs a longer delay");

            SuiteScript.kill("alert-service");
            SuiteScript.start("alert-service");

            // level 2 of the unacknowledged alert: once, from the restarted process (a lease the dead process held
            // for the round it was in expires first, within a minute)
            await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofMillis(250))
                    .until(() -> SuiteAlerts.deliveriesOf(sink.at("/level2"), "crash.unacknowledged") >= 1);
            // nothing more: through the acknowledged alert's own level-2 time and two more rounds
            Instant quietUntil = acknowledgedStarted.plus(LEVEL_2_OFFSET).plus(ESCALATION_ROUND.multipliedBy(2));
            Duration quiet = Duration.between(Instant.now(), quietUntil);
            Duration hold = quiet.compareTo(ESCALATION_ROUND.multipliedBy(2)) > 0 ? quiet
                    : ESCALATION_ROUND.multipliedBy(2);
            await().during(hold).atMost(hold.plusSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() ->
                    SuiteAlerts.deliveriesOf(sink.at("/level1"), "crash.unacknowledged") == 1
                            && SuiteAlerts.deliveriesOf(sink.at("/level1"), "crash.acknowledged") == 1
                            && SuiteAlerts.deliveriesOf(sink.at("/level2"), "crash.unacknowledged") == 1
                            && SuiteAlerts.deliveriesOf(sink.at("/level2"), "crash.acknowledged") == 0);
        }
    }

    private static void awaitDeliveries(LoopbackSink sink, String path, String alertName, long count) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> SuiteAlerts.deliveriesOf(sink.at(path), alertName) >= count);
    }
}
