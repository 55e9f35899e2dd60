package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.dialoghook.it.ServerEndpoints.Facility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** A receiver with a bot that has no secret and no handler at all is not ready, says why, and is still alive. */
class NotReadyIT extends WebhookIT {

    @Deployment
    static WebArchive deployment() {
        return receiver("notready", Map.of("dialoghook.secret", SECRET, "dialoghook.bots", "pending"));
    }

    @Test
    void readinessIsDownNamingTheBotWithoutASecretAndTheMissingHandlers() {
        HttpResponse<String> ready = ServerEndpoints.get(deploymentUrl, Facility.HEALTH, "/health/ready");
        assertEquals(503, ready.statusCode(), ready::body);
        JsonObject check = HealthChecks.named(json(ready), "dialoghook");
        assertEquals("DOWN", check.getString("status"), check::toString);
        String reason = check.getJsonObject("data").getString("reason");
        assertTrue(reason.contains("bot 'pending' has no secret (dialoghook.bots.pending.secret)"), reason);
        assertTrue(reason.contains("no handler is registered"), reason);
        assertFalse(ready.body().contains(SECRET), "the secret is never shown");
    }

    @Test
    void livenessStaysUp() {
        HttpResponse<String> live = ServerEndpoints.get(deploymentUrl, Facility.HEALTH, "/health/live");
        assertEquals(200, live.statusCode(), live::body);
        assertEquals("UP", HealthChecks.named(json(live), "dialoghook").getString("status"));
    }
}
