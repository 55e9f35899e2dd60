package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.dialoghook.it.handlers.CountingHandler;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Without the replay cache's configuration, Payara's Hazelcast keeps 10000 entries a member and evicts the rest
 * before their window ends: the receiver notices from the cache's statistics, counts them in
 * {@code dialoghook.replay.left.early} and logs {@code DH-0606} once.
 */
class PayaraMicroReplayEvictionIT extends WebhookIT {

    /** How often the store looks at the cache's evictions, and a little more. */
    private static final long EVICTION_CHECK_MILLIS = 10_500;

    @Deployment
    static WebArchive deployment() {
        return receiver("replay-eviction", withSecret(), CountingHandler.class);
    }

    @Test
    void recordsEvictedBeforeTheirWindowEndedAreCountedAndLoggedOnce() throws Exception {
        try (ServerOutput output = ServerOutput.capture()) {
            PayaraMicroReplayCacheIT.sendFresh(this, PayaraMicroReplayCacheIT.DELIVERIES);
            Thread.sleep(EVICTION_CHECK_MILLIS);
            HttpResponse<String> next = deliver(signer().handler("count").sign());
            assertEquals(200, next.statusCode(), next::body);
            double leftEarly = PayaraMicroReplayCacheIT.leftEarly(this);
            assertTrue(leftEarly > 0, "evicted records are counted: " + leftEarly);
            assertTrue(output.awaitLine("DH-0606", "replay records").isPresent(), "DH-0606 is logged");
            Thread.sleep(EVICTION_CHECK_MILLIS);
            deliver(signer().handler("count").sign());
            assertEquals(1, output.text().lines().filter(line -> line.contains("DH-0606")).count(), "once");
        }
    }
}
