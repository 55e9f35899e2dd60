package org.dialoghook.it.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.dialoghook.it.soak.SoakRun.Outcome;
import org.dialoghook.it.soak.SoakRun.Report;
import org.dialoghook.it.soak.SoakRun.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * The fault and soak test (docs/soak.md): concurrent senders against a Payara Micro whose handlers throw, miss
 * their deadline or are slow, restarted once mid-run. In the default build it is short (4 senders, 24 seconds
 * of load); {@code mvn -B verify -Psoak} runs it long. Either way it prints the same report and holds the run to
 * the same rules: every answer is one docs/errors.md documents, nothing goes unanswered outside the restart
 * window, no request ever hangs, and heap and threads do not grow.
 */
class SoakIT {

    /** How far the end may exceed the start: generous, since the two servers' heaps after GC vary by a few MiB. */
    private static final long HEAP_SLACK = 64L * 1024 * 1024;
    private static final long THREAD_SLACK = 25;

    @Test
    void theReceiverAnswersEveryDeliveryAsDocumentedThroughFaultsAndARestart() throws Exception {
        Report report = SoakRun.run(SoakRun.Settings.fromSystemProperties(4, Duration.ofSeconds(24)));

        assertNotNull(report.restart(), "the run got as far as the restart");
        assertTrue(report.restart().windowClosed(), "the restarted server answered");
        assertTrue(report.warmUpDeliveries().stream().allMatch(d -> d.outcome() == Outcome.DOCUMENTED),
                "every warm-up delivery got a documented answer");
        assertEquals(0, report.outsideWindow(Outcome.UNDOCUMENTED), "undocumented answers outside the restart window");
        assertEquals(0, report.undocumentedFromRestartedServer(),
                "undocumented answers from the restarted server (its listener opens only after the WAR is deployed)");
        assertEquals(0, report.count(Outcome.TIMED_OUT), "requests that hung until their timeout");
        assertEquals(0, report.outsideWindow(Outcome.REFUSED) + report.outsideWindow(Outcome.CUT),
                "unanswered deliveries outside the restart window");

        assertFaultAnswered(report, FaultHandler.NAME, Fault.THROW, 500);
        assertFaultAnswered(report, FaultHandler.NAME, Fault.LATE, 504);
        assertFaultAnswered(report, FaultEjbHandler.NAME, Fault.THROW, 200);
        assertFaultAnswered(report, FaultEjbHandler.NAME, Fault.LATE, 200);

        Snapshot before = report.before();
        Snapshot after = report.after();
        assertTrue(before.usedHeap() > 0 && after.usedHeap() > 0 && before.threads() > 0 && after.threads() > 0,
                "the server reports heap and threads");
        assertTrue(after.usedHeap() <= before.usedHeap() + Math.max(HEAP_SLACK, before.usedHeap() / 2),
                "the heap in use after GC grew from " + before.usedHeap() + " to " + after.usedHeap() + " bytes");
        assertTrue(after.threads() <= before.threads() + Math.max(THREAD_SLACK, before.threads() / 4),
                "the thread count grew from " + before.threads() + " to " + after.threads());

        assertEquals(0, report.logSearch().found(), "the secret or a token signature in the server output");
        assertTrue(report.logSearch().signatures() > 0 && report.logSearch().bytes() > 0, "the server output was searched");
    }

    /** A fault the run sent was answered with its status every time it was answered outside the window. */
    private static void assertFaultAnswered(Report report, String handler, Fault fault, int status) {
        Map<Integer, Long> statuses = report.statuses(handler, fault);
        assertTrue(!statuses.isEmpty(), () -> handler + " got no '" + fault.formValue() + "' delivery answered");
        assertEquals(Map.of(status, statuses.values().stream().mapToLong(Long::longValue).sum()), statuses,
                () -> handler + "'s '" + fault.formValue() + "' deliveries were answered with " + statuses);
    }
}
