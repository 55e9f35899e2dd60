package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The development console is off unless set: with the console jar in the WAR but no {@code dialoghook.dev-console},
 * its path answers {@code 404}; and nothing of it is in the production WAR or in the classes jar teams deploy.
 */
class ConsoleOffIT extends WebhookIT {

    @Deployment
    static WebArchive deployment() {
        return ConsoleIT.withConsole("consoleoff", false);
    }

    @Test
    void theConsolesPathsAnswer404WhenItIsOff() {
        for (String path : List.of("/dialoghook/console", "/dialoghook/console/console.js",
                "/dialoghook/console/handlers")) {
            HttpResponse<String> response = get(path);
            assertEquals(404, response.statusCode(), path);
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            JsonObject problem = Json.createReader(new StringReader(response.body())).readObject();
            assertEquals("urn:dialoghook:problem:console-off", problem.getString("type"));
            assertTrue(!response.body().contains("Dialoghook console"), "nothing of the page");
        }
    }

    @Test
    void theProductionWarAndTheClassesJarHoldNothingOfTheConsole() throws IOException {
        for (String artifact : List.of(System.getProperty("dialoghook.war", "target/dialoghook.war"),
                System.getProperty("dialoghook.classes.jar", "target/dialoghook-classes.jar"))) {
            try (ZipFile zip = new ZipFile(new File(artifact))) {
                List<String> console = zip.stream().map(ZipEntry::getName)
                        .filter(name -> name.contains("org/dialoghook/console") || name.contains("console.html")
                                || name.contains("console.js") || name.contains("dialoghook-console"))
                        .toList();
                assertEquals(List.of(), console, artifact);
            }
        }
    }
}
