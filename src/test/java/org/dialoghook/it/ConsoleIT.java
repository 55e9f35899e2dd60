package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.dialoghook.it.handlers.CountingHandler;
import org.dialoghook.it.handlers.SingletonEjbHandler;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The development console in a team's WAR that added the console jar and set {@code dialoghook.dev-console=true}:
 * the page, its script and the list of handlers, served to a loopback client beside the working webhook.
 */
class ConsoleIT extends WebhookIT {

    /** A team WAR with the console jar; the console is on when {@code on}. */
    static WebArchive withConsole(String name, boolean on) {
        Map<String, String> settings = new HashMap<>(withSecret());
        if (on) {
            settings.put("dialoghook.dev-console", "true");
        }
        return teamWar(name, settings, CountingHandler.class, SingletonEjbHandler.class)
                .addAsLibrary(new File(System.getProperty("dialoghook.console.jar", "target/dialoghook-console.jar")));
    }

    @Deployment
    static WebArchive deployment() {
        return withConsole("console", true);
    }

    @Test
    void thePageIsServedWithItsScriptUnderTheContextRoot() {
        HttpResponse<String> page = get("/dialoghook/console");
        assertEquals(200, page.statusCode(), page::body);
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<title>Dialoghook console</title>"), page::body);
        String base = uri("/dialoghook/console/").getPath();
        assertTrue(page.body().contains("data-base=\"" + base + "\""), "the page knows its base path " + base);
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        HttpResponse<String> script = get("/dialoghook/console/console.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(script.body().contains("textContent"), "the script sets text, never markup");
    }

    @Test
    void everyHandlerIsListedWithItsBeanKindAndSettings() {
        HttpResponse<String> response = get("/dialoghook/console/handlers");
        assertEquals(200, response.statusCode(), response::body);
        JsonArray handlers = Json.createReader(new StringReader(response.body())).readArray();
        assertEquals(2, handlers.size(), response::body);
        JsonObject count = handlers.getJsonObject(0);
        assertEquals("count", count.getString("name"));
        assertEquals(CountingHandler.class.getName(), count.getString("beanClass"));
        assertEquals("CDI", count.getString("kind"));
        assertEquals("ApplicationScoped", count.getString("scope"));
        assertEquals("PT10S", count.getString("timeout"));
        assertTrue(count.isNull("bots") && count.isNull("fallbackBlock") && count.isNull("invalidFormBlock"));
        JsonObject ejb = handlers.getJsonObject(1);
        assertEquals("singleton-ejb", ejb.getString("name"));
        assertEquals("EJB", ejb.getString("kind"));
        assertTrue(!response.body().contains(SECRET), "no secret in what the console shows");
    }

    @Test
    void theWebhookBesideItStillAnswers() {
        HttpResponse<String> reply = deliver(signer().handler("count").sign());
        assertEquals(200, reply.statusCode(), reply::body);
    }
}
