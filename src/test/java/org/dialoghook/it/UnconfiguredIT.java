package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.dialoghook.examples.EchoHandler;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** With no secret configured the receiver starts but refuses every delivery with 503. */
class UnconfiguredIT extends WebhookIT {

    @Deployment
    static WebArchive deployment() {
        return receiver("unconfigured", Map.of(), EchoHandler.class);
    }

    @Test
    void everyDeliveryIs503() {
        assertTrue(assertProblem(deliver(signer().handler("echo").sign()), 503, "not-configured")
                .getString("detail").contains("dialoghook.secret"));
        assertProblem(post("/webhook", "{}", "Content-Type", "application/json"), 503, "not-configured");
    }
}
