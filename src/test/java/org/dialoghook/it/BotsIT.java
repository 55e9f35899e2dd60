package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.it.handlers.AppScopedHandler;
import org.dialoghook.it.handlers.InspectHandler;
import org.dialoghook.it.handlers.ContactForm;
import org.dialoghook.it.ServerEndpoints.Facility;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * One deployment serves several bots, each with its own secret and token settings; a bot's previous secret is
 * accepted during a rotation; a handler limited to some bots does not run for the others; a bot that is known but
 * has no secret is a 404 and nothing runs.
 */
class BotsIT extends WebhookIT {

    static final String SALES_SECRET = "sales-bot-secret-5c0ffee5c0ffee5c0ffee";
    static final String SALES_PREVIOUS_SECRET = "sales-bot-old-secret-0ddba110ddba110dd";
    static final String SUPPORT_SECRET = "support-bot-secret-a11ce0fa11ce0fa11ce0";

    @Deployment
    static WebArchive deployment() {
        return receiver("bots", Map.of(
                "dialoghook.secret", SECRET,
                "dialoghook.bots", "pending",
                "dialoghook.bots.sales.secret", SALES_SECRET,
                "dialoghook.bots.sales.previous-secret", SALES_PREVIOUS_SECRET,
                "dialoghook.bots.support.secret", SUPPORT_SECRET,
                "dialoghook.bots.support.jwt.algorithms", "HS512",
                "dialoghook.handlers.app-scoped.bots", "default,sales"),
                EchoHandler.class, InspectHandler.class, ContactForm.class, AppScopedHandler.class);
    }

    private HttpResponse<String> deliverTo(String bot, SignedDelivery delivery) {
        return post("/webhook/" + bot, delivery.body(), "Content-Type", "application/json",
                "Authorization", "Bearer " + delivery.token());
    }

    private int appScopedCalls(String bot, String secret) {
        HttpResponse<String> response = deliverTo(bot, DeliverySigner.withSecret(secret).handler("app-scoped").sign());
        assertEquals(200, response.statusCode(), response::body);
        return json(response).getJsonObject("attributes").getInt("calls");
    }

    @Test
    void twoBotsWithDifferentSecretsAreServedByOneDeployment() {
        HttpResponse<String> sales = deliverTo("sales", DeliverySigner.withSecret(SALES_SECRET).handler("inspect").sign());
        assertEquals(200, sales.statusCode(), sales::body);
        assertEquals("sales", json(sales).getJsonObject("attributes").getString("bot"));

        HttpResponse<String> support = deliverTo("support",
                DeliverySigner.withSecret(SUPPORT_SECRET).algorithm("HS512").handler("inspect").sign());
        assertEquals(200, support.statusCode(), support::body);
        assertEquals("support", json(support).getJsonObject("attributes").getString("bot"));

        HttpResponse<String> byDefault = deliver(signer().handler("inspect").sign());
        assertEquals("default", json(byDefault).getJsonObject("attributes").getString("bot"));
    }

    @Test
    void eachBotAcceptsOnlyItsOwnSecret() {
        assertProblem(deliverTo("sales", DeliverySigner.withSecret(SUPPORT_SECRET).handler("echo").sign()), 401,
                "invalid-token");
        assertProblem(deliverTo("support", DeliverySigner.withSecret(SALES_SECRET).algorithm("HS512").handler("echo")
                .sign()), 401, "invalid-token");
        assertProblem(deliver(DeliverySigner.withSecret(SALES_SECRET).handler("echo").sign()), 401, "invalid-token");
    }

    @Test
    void aBotsOwnTokenSettingsApplyToItAlone() {
        JsonObject problem = assertProblem(deliverTo("support", DeliverySigner.withSecret(SUPPORT_SECRET).handler("echo")
                .sign()), 401, "invalid-token");
        assertEquals("The token's algorithm is not accepted.", problem.getString("detail"));
        assertEquals(200, deliverTo("sales", DeliverySigner.withSecret(SALES_SECRET).handler("echo").sign()).statusCode());
    }

    @Test
    void thePreviousSecretIsAcceptedDuringARotation() {
        HttpResponse<String> response = deliverTo("sales",
                DeliverySigner.withSecret(SALES_PREVIOUS_SECRET).handler("inspect").sign());
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("sales", json(response).getJsonObject("attributes").getString("bot"));
    }

    @Test
    void deliveriesAcceptedWithThePreviousSecretAreCountedInReadiness() {
        HttpResponse<String> ready = ServerEndpoints.get(deploymentUrl, Facility.HEALTH, "/health/ready");
        long before = HealthChecks.number(HealthChecks.named(json(ready), "dialoghook").getJsonObject("data"),
                "bot.sales.previous-secret-deliveries");
        assertEquals(200, deliverTo("sales", DeliverySigner.withSecret(SALES_PREVIOUS_SECRET).handler("echo").sign())
                .statusCode());
        assertEquals(200, deliverTo("sales", DeliverySigner.withSecret(SALES_SECRET).handler("echo").sign())
                .statusCode());

        ready = ServerEndpoints.get(deploymentUrl, Facility.HEALTH, "/health/ready");
        JsonObject data = HealthChecks.named(json(ready), "dialoghook").getJsonObject("data");
        assertEquals(before + 1, HealthChecks.number(data, "bot.sales.previous-secret-deliveries"), data::toString);
        assertFalse(data.containsKey("bot.support.previous-secret-deliveries"), "support is not rotating");
        assertFalse(ready.body().contains(SALES_PREVIOUS_SECRET) || ready.body().contains(SALES_SECRET));
    }

    @Test
    void thePreviousSecretOfOneBotIsNoSecretOfAnother() {
        assertProblem(deliverTo("support", DeliverySigner.withSecret(SALES_PREVIOUS_SECRET).algorithm("HS512")
                .handler("echo").sign()), 401, "invalid-token");
        assertProblem(deliver(DeliverySigner.withSecret(SALES_PREVIOUS_SECRET).handler("echo").sign()), 401,
                "invalid-token");
    }

    @Test
    void aHandlerLimitedToOtherBotsIs404AndDoesNotRun() {
        int before = appScopedCalls("sales", SALES_SECRET);
        JsonObject problem = assertProblem(deliverTo("support", DeliverySigner.withSecret(SUPPORT_SECRET)
                .algorithm("HS512").handler("app-scoped").sign()), 404, "unknown-handler");
        assertTrue(problem.getString("detail").contains("app-scoped"), problem::toString);
        assertEquals(before + 1, appScopedCalls("default", SECRET), "the handler did not run for the support bot");
    }

    @Test
    void aKnownBotWithoutASecretIs404AndNothingRuns() {
        int before = appScopedCalls("sales", SALES_SECRET);
        for (String secret : new String[] {SECRET, SALES_SECRET, ""}) {
            SignedDelivery delivery = DeliverySigner.withSecret(secret.isEmpty() ? "x" : secret).handler("app-scoped")
                    .sign();
            JsonObject problem = assertProblem(deliverTo("pending", delivery), 404, "not-found");
            assertTrue(problem.getString("detail").contains("pending"), problem::toString);
        }
        assertEquals(before + 1, appScopedCalls("sales", SALES_SECRET), "no delivery to the pending bot ran a handler");
    }

    @Test
    void anUnknownBotIs404() {
        assertProblem(deliverTo("marketing", signer().handler("echo").sign()), 404, "not-found");
    }
}
