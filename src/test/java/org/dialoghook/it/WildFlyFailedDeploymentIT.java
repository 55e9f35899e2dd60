package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dialoghook.examples.EchoHandler;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On WildFly, whose one server outlives each deployment, a deployment refused for an unusable setting leaves
 * nothing behind in the server's health: neither the receiver's checks nor failing leftovers of them, so the
 * server's liveness and readiness stay UP. (WildFly keeps the health checks of a deployment that fails after
 * they were registered, until it reloads.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WildFlyFailedDeploymentIT {

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "refused", managed = false)
    static WebArchive refused() {
        return WebhookIT.receiver("refused", Map.of("dialoghook.secret", WebhookIT.SECRET,
                "dialoghook.body-binding", "strict"), EchoHandler.class);
    }

    @Test
    void aRefusedDeploymentLeavesNoHealthCheckBehind() {
        DeploymentOutcome outcome = DeploymentOutcome.of(deployer, "refused");
        assertTrue(outcome.failed(), "the deployment failed");
        for (String kind : List.of("live", "ready")) {
            HttpResponse<String> health = WebhookIT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + System.getProperty("wildfly.management.port") + "/health/" + kind)).GET());
            assertEquals(200, health.statusCode(), health::body);
            List<String> names = WebhookIT.json(health).getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                    .map(check -> check.getString("name")).toList();
            assertTrue(names.stream().noneMatch(name -> name.contains("dialoghook")), () -> kind + ": " + names);
        }
    }
}
