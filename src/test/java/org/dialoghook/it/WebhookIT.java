package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the integration tests: deploys the WAR the build produced, plus test handlers and settings, to a
 * managed server and talks HTTP to it on loopback with tokens from the project's own signer.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class WebhookIT {

    /** The secret every test deployment is configured with, unless a test says otherwise. */
    public static final String SECRET = "integration-test-secret-7d1f0c9e5b2a48e6";

    /** HTTP/1.1, as the platform and the load balancers in front of a receiver speak it; no h2c upgrade. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** Every Authorization header value the suite sent, for the secrecy check that runs last. */
    static final Queue<String> SENT_CREDENTIALS = new ConcurrentLinkedQueue<>();

    @ArquillianResource
    protected URL deploymentUrl;

    /**
     * The one archive builder of the suite: the production WAR, the given handler classes and settings.
     *
     * @param name the archive's name, which is also the context root
     * @param settings MicroProfile Config properties for this deployment
     * @param classes handler classes and whatever they use
     * @return the archive
     */
    public static WebArchive receiver(String name, Map<String, String> settings, Class<?>... classes) {
        WebArchive archive = ShrinkWrap.create(ZipImporter.class, name + ".war").importFrom(productionWar())
                .as(WebArchive.class);
        return withSettings(archive.addClasses(classes), settings);
    }

    /**
     * The same archive as a team builds it: no Dialoghook {@code web.xml}, Dialoghook's classes jar and what it
     * bundles in {@code WEB-INF/lib} beside the team's own classes.
     *
     * @param name the archive's name, which is also the context root
     * @param settings MicroProfile Config properties for this deployment
     * @param classes the team's classes: handlers, resources, servlets
     * @return the archive, to which a test adds the team's pages and descriptors
     */
    public static WebArchive teamWar(String name, Map<String, String> settings, Class<?>... classes) {
        WebArchive production = ShrinkWrap.create(ZipImporter.class, "production.war").importFrom(productionWar())
                .as(WebArchive.class);
        WebArchive archive = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibrary(new File(System.getProperty("dialoghook.classes.jar", "target/dialoghook-classes.jar")))
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        production.getContent(path -> path.get().startsWith("/WEB-INF/lib/") && path.get().endsWith(".jar"))
                .forEach((path, node) -> archive.add(node.getAsset(), path));
        return withSettings(archive.addClasses(classes), settings);
    }

    private static File productionWar() {
        return new File(System.getProperty("dialoghook.war", "target/dialoghook.war"));
    }

    private static WebArchive withSettings(WebArchive archive, Map<String, String> settings) {
        StringBuilder properties = new StringBuilder();
        new TreeMap<>(settings).forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        return archive.addAsResource(new StringAsset(properties.toString()), "META-INF/microprofile-config.properties");
    }

    /** The usual settings: just the secret. */
    protected static Map<String, String> withSecret() {
        return Map.of("dialoghook.secret", SECRET);
    }

    /**
     * A loopback address for a path of the deployment: the host the server reports is replaced by localhost.
     *
     * @param path for example {@code /webhook}
     * @return the URI
     */
    protected URI uri(String path) {
        String base = deploymentUrl.getPath().endsWith("/") ? deploymentUrl.getPath().substring(0,
                deploymentUrl.getPath().length() - 1) : deploymentUrl.getPath();
        return URI.create("http://localhost:" + deploymentUrl.getPort() + base + path);
    }

    /** A signer with the suite's secret. */
    protected static DeliverySigner signer() {
        return DeliverySigner.withSecret(SECRET);
    }

    /** Posts a signed delivery to {@code /webhook}. */
    protected HttpResponse<String> deliver(SignedDelivery delivery) {
        return post("/webhook", delivery.body(), "Content-Type", "application/json",
                "Authorization", "Bearer " + delivery.token());
    }

    /** Sends a GET to a path of the deployment. */
    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** Posts a body with the given header name/value pairs. */
    protected HttpResponse<String> post(String path, String body, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    /** Sends a request built elsewhere with the given header name/value pairs. */
    protected static HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            if (headers[i].equalsIgnoreCase("Authorization")) {
                SENT_CREDENTIALS.add(headers[i + 1]);
            }
        }
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("the request did not complete: " + e, e);
        }
    }

    /** Parses a JSON reply. */
    protected static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /**
     * Asserts a problem+json reply with the given status and type slug, and returns it.
     * Every problem has type, title, status and a non-empty detail, and no HTML or stack trace.
     */
    protected static JsonObject assertProblem(HttpResponse<String> response, int status, String typeSlug) {
        assertEquals(status, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                () -> "content type of " + response.body());
        JsonObject problem = json(response);
        assertEquals("urn:dialoghook:problem:" + typeSlug, problem.getString("type"));
        assertEquals(status, problem.getInt("status"));
        assertFalse(problem.getString("title").isBlank());
        assertFalse(problem.getString("detail").isBlank());
        assertFalse(problem.getString("errorId").isBlank());
        assertFalse(response.body().contains("<html") || response.body().contains("Exception"), response::body);
        assertFalse(response.body().contains(SECRET), "the secret must never be in a reply");
        return problem;
    }
}
