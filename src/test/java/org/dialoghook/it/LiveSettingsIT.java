package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.it.ServerEndpoints.Facility;
import org.dialoghook.it.handlers.FailingHandler;
import org.dialoghook.it.handlers.SystemPropertiesHandler;
import org.dialoghook.testkit.DeliverySigner;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Settings changed while deliveries flow, with no reload: a secret rotated and retired (by hand and by its end),
 * a bad value refused while the last good settings serve on and then fixed, a bot added and removed, a fallback
 * block set. The changes are JVM system properties set inside the server (as {@code -D}, WildFly's
 * {@code /system-property} or Payara's {@code create-system-properties} set them) by a test-only handler; the
 * receiver reads its settings again every second ({@code dialoghook.settings.refresh=1}), and Payara Micro's
 * MicroProfile Config keeps values 5 s (server-config/payara-micro/config-cache.asadmin). Every wait is bounded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveSettingsIT extends WebhookIT {

    /** Test-only secret the default bot is rotated to. */
    private static final String NEW_SECRET = "live-rotation-new-secret-3b8e1f0a9c2d47e5";

    /** Test-only secret of a bot added while the receiver runs. */
    private static final String ADDED_BOT_SECRET = "live-added-bot-secret-90c1d7e4b5a36f28";

    private static final String FALLBACK = "64a0c0ffee0000000000f00d";
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(40);

    /** The secret the receiver takes for the default bot now; the changes are signed with it. */
    private static String current = SECRET;
    private static ServerOutput output;

    @Deployment
    static WebArchive deployment() {
        return receiver("live", Map.of("dialoghook.secret", SECRET, "dialoghook.settings.refresh", "1"),
                EchoHandler.class, FailingHandler.class, SystemPropertiesHandler.class);
    }

    @BeforeAll
    static void listen() {
        output = ServerOutput.capture();
    }

    @AfterAll
    static void stopListening() {
        output.close();
    }

    /** Sets settings inside the server (an empty value removes one), as an operator does on the console. */
    private void change(String... namesAndValues) {
        DeliverySigner signer = DeliverySigner.withSecret(current).handler("system-properties");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            signer.formValue(namesAndValues[i], namesAndValues[i + 1]);
        }
        HttpResponse<String> changed = deliver(signer.sign());
        assertEquals(200, changed.statusCode(), changed::body);
    }

    private int echo(String secret) {
        return deliver(DeliverySigner.withSecret(secret).handler("echo").formValue("name", "Ada").sign()).statusCode();
    }

    private JsonObject readiness() {
        HttpResponse<String> ready = ServerEndpoints.get(deploymentUrl, Facility.HEALTH, "/health/ready");
        assertEquals(200, ready.statusCode(), ready::body);
        JsonObject check = HealthChecks.named(json(ready), "dialoghook");
        assertEquals("UP", check.getString("status"), check::toString);
        return check.getJsonObject("data");
    }

    @Test
    @Order(1)
    void aSecretIsRotatedWhileDeliveriesFlowAndEveryDeliveryWithAnAcceptedSecretIsAnswered()
            throws InterruptedException {
        assertEquals(200, echo(SECRET));
        assertEquals(401, echo(NEW_SECRET), "the new secret is not taken before the operator sets it");
        // the operator's order: the old secret as the previous one first, then the new secret
        change("dialoghook.previous-secret", SECRET);
        change("dialoghook.secret", NEW_SECRET);
        List<Integer> oldSecretAnswers = new ArrayList<>();
        Duration switched = Await.until("the new secret is accepted", LONGEST_WAIT, () -> {
            oldSecretAnswers.add(echo(SECRET));
            return echo(NEW_SECRET) == 200;
        });
        current = NEW_SECRET;
        System.out.println("LiveSettingsIT: the new secret was accepted " + switched.toMillis() + " ms after it was set");
        assertTrue(oldSecretAnswers.stream().allMatch(status -> status == 200),
                () -> "every delivery signed with the old secret is answered while it rotates: " + oldSecretAnswers);
        assertEquals(200, echo(SECRET), "the old secret is still taken, as the previous one");
        assertTrue(HealthChecks.number(readiness(), "bot.default.previous-secret-deliveries") >= 1);

        change("dialoghook.previous-secret", "");
        Duration retired = Await.until("the old secret is refused once retired", LONGEST_WAIT,
                () -> echo(SECRET) == 401);
        System.out.println("LiveSettingsIT: the old secret was refused " + retired.toMillis() + " ms after its removal");
        assertProblem(deliver(DeliverySigner.withSecret(SECRET).handler("echo").sign()), 401, "invalid-token");
        assertEquals(200, echo(NEW_SECRET));
    }

    @Test
    @Order(2)
    void aPreviousSecretStopsAtItsEndByItself() throws InterruptedException {
        Instant end = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        change("dialoghook.previous-secret", SECRET, "dialoghook.previous-secret.expires", end.toString());
        Await.until("the previous secret is taken again", LONGEST_WAIT, () -> echo(SECRET) == 200);
        assertEquals(end.toString(), readiness().getString("bot.default.previous-secret-ends"));
        Await.until("the previous secret is refused after its end", LONGEST_WAIT, () -> echo(SECRET) == 401);
        assertFalse(Instant.now().isBefore(end), "not refused before its end");
        assertEquals(200, echo(NEW_SECRET));
        assertTrue(output.awaitLine("DH-0111 bot=default", end.toString()).isPresent(), "the end is logged");
        change("dialoghook.previous-secret", "", "dialoghook.previous-secret.expires", "");
    }

    @Test
    @Order(3)
    void aBadValueLeavesTheLastGoodSettingsInForceUntilItIsFixed() throws InterruptedException {
        change("dialoghook.handler.timeout", "banana");
        Await.until("readiness shows the refused change", LONGEST_WAIT,
                () -> readiness().containsKey("refused-change"));
        assertTrue(readiness().getString("refused-change").startsWith("Setting 'dialoghook.handler.timeout'"));
        assertEquals(200, echo(NEW_SECRET), "deliveries go on with the last good settings");
        Optional<String> refused = output.awaitLine("DH-0121", "dialoghook.handler.timeout");
        assertTrue(refused.isPresent(), "the refusal is logged");

        change("dialoghook.handler.timeout", "PT5S");
        Await.until("the fix is applied", LONGEST_WAIT, () -> !readiness().containsKey("refused-change"));
        assertTrue(output.awaitLine("DH-0120 settings changed", "dialoghook.handler.timeout").isPresent());
        assertEquals(200, echo(NEW_SECRET));
        assertEquals(1, output.text().lines().filter(line -> line.contains("DH-0121")).count(), "refused once");
    }

    @Test
    @Order(4)
    void aBotIsAddedAndRemovedAndAFallbackBlockSetWithoutAReload() throws InterruptedException {
        DeliverySigner added = DeliverySigner.withSecret(ADDED_BOT_SECRET).handler("echo");
        assertProblem(post("/webhook/added", added.sign().body(), "Content-Type", "application/json"), 404,
                "not-found");
        change("dialoghook.bots.added.secret", ADDED_BOT_SECRET);
        Await.until("the added bot is served", LONGEST_WAIT, () -> {
            var delivery = added.sign();
            return post("/webhook/added", delivery.body(), "Content-Type", "application/json",
                    "Authorization", "Bearer " + delivery.token()).statusCode() == 200;
        });

        assertEquals(500, deliver(DeliverySigner.withSecret(NEW_SECRET).handler("fail").sign()).statusCode());
        change("dialoghook.fallback-block", FALLBACK);
        Await.until("a failing handler's delivery gets the fallback block", LONGEST_WAIT, () -> {
            HttpResponse<String> reply = deliver(DeliverySigner.withSecret(NEW_SECRET).handler("fail").sign());
            return reply.statusCode() == 200 && reply.body().contains(FALLBACK);
        });

        change("dialoghook.bots.added.secret", "", "dialoghook.fallback-block", "");
        Await.until("the removed bot is gone", LONGEST_WAIT, () -> {
            var delivery = added.sign();
            return post("/webhook/added", delivery.body(), "Content-Type", "application/json",
                    "Authorization", "Bearer " + delivery.token()).statusCode() == 404;
        });
    }

    @Test
    @Order(5)
    void theApplicationWasDeployedOnceAndNoSecretReachedTheLog() {
        String log = output.text();
        assertFalse(log.contains("DH-0300"), "no deployment while the settings changed");
        for (String secret : List.of(SECRET, NEW_SECRET, ADDED_BOT_SECRET)) {
            assertFalse(log.contains(secret), "no secret in the server's output");
        }
        assertTrue(log.contains("DH-0120 settings changed: [dialoghook.previous-secret, dialoghook.secret]")
                || log.contains("DH-0120 settings changed: [dialoghook.secret]"), "the rotation was logged by name");
    }
}
