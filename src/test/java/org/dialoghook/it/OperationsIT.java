package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.it.ServerEndpoints.Facility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A fully configured receiver as operators watch it: readiness and liveness UP, and an OpenAPI description of the
 * webhook endpoint (see {@link ServerEndpoints} for where each server serves them). Per-handler metrics, which
 * only Payara Micro serves through MicroProfile Metrics, are {@link PayaraMicroMetricsIT}'s.
 */
class OperationsIT extends WebhookIT {

    @Deployment
    static WebArchive deployment() {
        return receiver("operations", Map.of("dialoghook.secret", SECRET), EchoHandler.class);
    }

    @Test
    void readinessIsUpWhenEveryBotHasASecretAndAHandlerIsRegistered() {
        HttpResponse<String> ready = ServerEndpoints.get(deploymentUrl, Facility.HEALTH, "/health/ready");
        assertEquals(200, ready.statusCode(), ready::body);
        JsonObject check = HealthChecks.named(json(ready), "dialoghook");
        assertEquals("UP", check.getString("status"), check::toString);
        assertEquals("default", check.getJsonObject("data").getString("bots"));
    }

    @Test
    void livenessIsUp() {
        HttpResponse<String> live = ServerEndpoints.get(deploymentUrl, Facility.HEALTH, "/health/live");
        assertEquals(200, live.statusCode(), live::body);
        assertEquals("UP", HealthChecks.named(json(live), "dialoghook").getString("status"));
    }

    @Test
    void theOpenApiDescriptionHasTheWebhookPathsTheirBodiesAndEveryStatus() {
        HttpResponse<String> openapi = ServerEndpoints.get(deploymentUrl, Facility.OPENAPI, "/openapi?format=JSON",
                "Accept", "application/json");
        assertEquals(200, openapi.statusCode(), openapi::body);
        JsonObject document = json(openapi);
        for (String path : List.of("/webhook", "/webhook/{bot}")) {
            JsonObject described = document.getJsonObject("paths")
                    .getJsonObject(ServerEndpoints.openApiPath(deploymentUrl, path));
            assertNotNull(described, () -> path + " in " + document.getJsonObject("paths").keySet());
            JsonObject post = described.getJsonObject("post");
            assertEquals(Set.of("200", "400", "401", "404", "409", "413", "415", "500", "503", "504"),
                    post.getJsonObject("responses").keySet(), path);
            assertEquals("#/components/schemas/Reply", post.getJsonObject("responses").getJsonObject("200")
                    .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema")
                    .getString("$ref"), path);
            assertEquals("#/components/schemas/Problem", post.getJsonObject("responses").getJsonObject("401")
                    .getJsonObject("content").getJsonObject("application/problem+json").getJsonObject("schema")
                    .getString("$ref"), path);
            assertEquals("#/components/schemas/Delivery", post.getJsonObject("requestBody").getJsonObject("content")
                    .getJsonObject("application/json").getJsonObject("schema").getString("$ref"), path);
            assertTrue(post.getJsonArray("security").toString().contains("logicdialog-jwt"), path);
        }
        JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
        assertTrue(schemas.getJsonObject("Problem").getJsonObject("properties").containsKey("errorId"));
        // the receiver's own types, such as the claimed delivery its resource takes, are not part of the description
        assertEquals(Set.of(), schemas.keySet().stream().filter(name -> name.contains("Claimed")
                || name.contains("Verified")).collect(Collectors.toSet()), schemas::toString);
    }
}
