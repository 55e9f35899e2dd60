package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dialoghook.it.handlers.CountingHandler;
import org.dialoghook.it.handlers.FailingHandler;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** A redelivered delivery is answered with the first run's reply and its handler runs once. */
class ReplayIT extends WebhookIT {

    @Deployment
    static WebArchive deployment() {
        return receiver("replay", Map.of("dialoghook.secret", SECRET, "dialoghook.replay.window", "PT5S"),
                CountingHandler.class, FailingHandler.class);
    }

    private static String text(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response::body);
        return json(response).getJsonArray("blocks").getJsonObject(0).getString("text");
    }

    @Test
    void aRedeliveryGetsTheFirstReplyAndTheHandlerRunsOnce() {
        SignedDelivery delivery = signer().handler("count").sign();
        HttpResponse<String> first = deliver(delivery);
        HttpResponse<String> second = deliver(delivery);
        assertEquals(first.body(), second.body());
        assertEquals("true", second.headers().firstValue("Dialoghook-Redelivery").orElse(null));
        assertNotEquals(text(first), text(deliver(signer().handler("count").sign())),
                "another delivery runs the handler again");
    }

    @Test
    void aTokenSentAgainWithAnotherBodyIsADeliveryOfItsOwn() {
        SignedDelivery counted = signer().binding(DeliverySigner.Binding.NONE).handler("count").sign();
        HttpResponse<String> first = deliver(counted);
        String otherHandler = counted.body().replace("\"count\"", "\"nope\"");
        HttpResponse<String> other = post("/webhook", otherHandler, "Content-Type", "application/json",
                "Authorization", "Bearer " + counted.token());
        assertProblem(other, 404, "unknown-handler");
        assertEquals(null, other.headers().firstValue("Dialoghook-Redelivery").orElse(null),
                "never the reply of another body");
        HttpResponse<String> again = deliver(counted);
        assertEquals(first.body(), again.body(), "the same token and body are still a redelivery");
        assertEquals("true", again.headers().firstValue("Dialoghook-Redelivery").orElse(null));
    }

    @Test
    void copiesThatArriveTogetherWaitForTheFirstRun() throws Exception {
        SignedDelivery delivery = signer().handler("count").formValue("pauseMillis", "700").sign();
        ExecutorService senders = Executors.newFixedThreadPool(5);
        try {
            List<Future<HttpResponse<String>>> copies = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                copies.add(senders.submit(() -> deliver(delivery)));
            }
            Set<String> replies = new HashSet<>();
            for (Future<HttpResponse<String>> copy : copies) {
                replies.add(text(copy.get(30, TimeUnit.SECONDS)));
            }
            assertEquals(1, replies.size(), "every copy got the one run's reply: " + replies);
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void aFailedDeliveryIsReplayedWithTheSameProblem() {
        SignedDelivery delivery = signer().handler("fail").sign();
        HttpResponse<String> first = deliver(delivery);
        HttpResponse<String> second = deliver(delivery);
        assertProblem(first, 500, "handler-failed");
        assertEquals(first.body(), second.body(), "the same problem, with the same error id");
    }

    /**
     * Past the window the handler runs again. Payara's data grid keeps a record no longer than the window, so the
     * copy finds nothing and is a first delivery; the in-memory store of WildFly still holds the expired record
     * until its room is needed, so there the handler learns that the copy is a repeat.
     */
    @Test
    void afterTheWindowACopyRunsAgain() throws InterruptedException {
        SignedDelivery delivery = signer().handler("count").lifetime(null).sign();
        HttpResponse<String> first = deliver(delivery);
        assertEquals(JsonValue.TRUE, json(first).getJsonObject("attributes").get("firstDelivery"));
        Thread.sleep(6000);
        HttpResponse<String> later = deliver(delivery);
        assertNotEquals(text(first), text(later), "past the window the handler runs again");
        boolean dataGrid = "payara-micro".equals(System.getProperty("dialoghook.it.server"));
        assertEquals(dataGrid ? JsonValue.TRUE : JsonValue.FALSE,
                json(later).getJsonObject("attributes").get("firstDelivery"));
    }

    @Test
    void aResignedTokenWithTheSameJtiIsTheSameDelivery() {
        HttpResponse<String> first = deliver(signer().handler("count").jti("platform-delivery-77").sign());
        HttpResponse<String> again = deliver(signer().handler("count").jti("platform-delivery-77")
                .lifetime(java.time.Duration.ofMinutes(6)).sign());
        assertEquals(text(first), text(again));
    }
}
