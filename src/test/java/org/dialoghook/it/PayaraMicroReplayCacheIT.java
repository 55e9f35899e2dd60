package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dialoghook.it.ServerEndpoints.Facility;
import org.dialoghook.it.handlers.CountingHandler;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The replay cache holds its whole window on Payara when the server is set up as {@code server-config/} says: the
 * container {@code payara-micro-replay-cache} boots with {@code server-config/payara-micro/replay-cache.asadmin}
 * as its pre-boot command file, which points Hazelcast at {@code server-config/payara/hazelcast-replays.xml}.
 * More deliveries than Hazelcast keeps by default later, the first one's redelivery still gets its reply.
 */
class PayaraMicroReplayCacheIT extends WebhookIT {

    /**
     * Enough deliveries that Hazelcast's default cache (10000 entries a member) surely evicts. Hazelcast applies the
     * size per partition, with room for uneven hashing: 10000 / 271 partitions plus three standard deviations is
     * 55 entries a partition, so about 15000 entries in all before any partition is full. 18000 puts about 66 in
     * each partition; with 10500 an eviction was a matter of luck.
     */
    static final int DELIVERIES = 18_000;

    private static final int SENDERS = 8;

    @Deployment
    @TargetsContainer("payara-micro-replay-cache")
    static WebArchive deployment() {
        return receiver("replay-cache", withSecret(), CountingHandler.class);
    }

    @Test
    void afterMoreDeliveriesThanTheDefaultSizeTheFirstRedeliveryStillGetsItsReply() throws Exception {
        SignedDelivery first = signer().handler("count").sign();
        HttpResponse<String> firstReply = deliver(first);
        assertEquals(200, firstReply.statusCode(), firstReply::body);
        sendFresh(this, DELIVERIES);
        HttpResponse<String> again = deliver(first);
        assertEquals(firstReply.body(), again.body(), "the stored reply, not a new run");
        assertEquals("true", again.headers().firstValue("Dialoghook-Redelivery").orElse(null));
        assertEquals(0, leftEarly(this), "no record left the cache before its window ended");
    }

    /**
     * Sends new deliveries to the counting handler from a few threads, each with its own token; every one must be
     * answered 200. The tokens are not kept for SecrecyIT: thousands of them would only repeat its check.
     */
    static void sendFresh(WebhookIT test, int count) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI webhook = test.uri("/webhook");
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<Integer>> answered = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int share = count / SENDERS + (s < count % SENDERS ? 1 : 0);
                answered.add(senders.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < share; i++) {
                        SignedDelivery delivery = signer().handler("count").sign();
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(webhook)
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + delivery.token())
                                .POST(HttpRequest.BodyPublishers.ofString(delivery.body())).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertEquals(200, response.statusCode(), response::body);
                        ok++;
                    }
                    return ok;
                }));
            }
            int sent = 0;
            for (Future<Integer> part : answered) {
                sent += part.get(10, TimeUnit.MINUTES);
            }
            assertEquals(count, sent);
        } finally {
            senders.shutdownNow();
        }
    }

    /** The receiver's count of replay records that left the store before their window ended. */
    static double leftEarly(WebhookIT test) {
        HttpResponse<String> metrics = ServerEndpoints.get(test.deploymentUrl, Facility.METRICS,
                "/metrics?scope=application", "Accept", "text/plain");
        assertEquals(200, metrics.statusCode(), metrics::body);
        PrometheusText text = new PrometheusText(metrics.body());
        assertTrue(text.value("dialoghook_replay_left_early").isPresent(), metrics::body);
        return text.value("dialoghook_replay_left_early").getAsDouble();
    }
}
