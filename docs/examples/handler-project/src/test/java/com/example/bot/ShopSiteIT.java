package com.example.bot;

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
import java.util.Set;
import java.util.UUID;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole shop WAR: the bot's webhook beside the shop's own page, its own REST API at {@code /api} and the
 * server's own error handling, each answering in its own way.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ShopSiteIT {

    private static final String SECRET = "shop-bot-test-secret-0123456789abcdef";
    private static final String PROBLEM_JSON = "application/problem+json";

    /**
     * What {@code POST /api} may answer without a valid token: 401 where the shop's scanning application serves the
     * webhook resource too and it checks the token there, 404 or 405 where it does not serve it. Never 200.
     */
    private static final Set<Integer> REFUSED_OR_ABSENT = Set.of(401, 404, 405);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @ArquillianResource
    URL deployment;

    @Deployment
    static WebArchive war() {
        WebArchive war = ShrinkWrap.create(ZipImporter.class, "shop.war")
                .importFrom(new File(System.getProperty("handlers.war"))).as(WebArchive.class);
        return war.addAsResource(new StringAsset("dialoghook.secret=" + SECRET + "\n"),
                "META-INF/microprofile-config.properties");
    }

    private URI url(String path) {
        String contextRoot = deployment.getPath().endsWith("/") ? deployment.getPath() : deployment.getPath() + "/";
        return URI.create("http://localhost:" + deployment.getPort() + contextRoot + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, SignedDelivery delivery) throws Exception {
        return post(path, delivery.body(), delivery.token());
    }

    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** A greeting delivery with a token of its own (its own jti), so that it is never a copy of another one. */
    private static SignedDelivery greeting(String secret) {
        return DeliverySigner.withSecret(secret).handler("greeting").formValue("name", "Ada")
                .jti(UUID.randomUUID().toString()).sign();
    }

    /** The status, media type and start of the body, for assertion messages. */
    private static String describe(HttpResponse<String> response) {
        String body = response.body();
        return response.statusCode() + " " + contentType(response) + " "
                + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
    }

    private static void assertNotProblem(HttpResponse<String> response) {
        assertFalse(contentType(response).startsWith(PROBLEM_JSON),
                () -> "answered by Dialoghook: " + describe(response));
    }

    // ---- the shop's own content

    @Test
    void servesTheStaticPage() throws Exception {
        HttpResponse<String> page = get("index.html");
        assertEquals(200, page.statusCode(), () -> describe(page));
        assertTrue(contentType(page).startsWith("text/html"), contentType(page));
        assertTrue(page.body().contains("Shop bot"), page.body());
    }

    @Test
    void servesAnOrderFromTheShopApi() throws Exception {
        HttpResponse<String> order = get("api/orders/7");
        assertEquals(200, order.statusCode(), () -> describe(order));
        assertTrue(contentType(order).startsWith("application/json"), contentType(order));
        assertEquals(7, json(order).getInt("id"));
        assertEquals("shipped", json(order).getString("status"));
    }

    @Test
    void answersAnUnknownOrderWithTheShopsOwnError() throws Exception {
        HttpResponse<String> missing = get("api/orders/999");
        assertEquals(404, missing.statusCode(), () -> describe(missing));
        assertNotProblem(missing);
        assertTrue(contentType(missing).startsWith("application/json"), contentType(missing));
        assertEquals(Json.createObjectBuilder().add("error", "no order 999").build(), json(missing));
    }

    @Test
    void doesNotServeTheShopApiOutsideItsApplicationPath() throws Exception {
        HttpResponse<String> outside = get("orders/7");
        assertEquals(404, outside.statusCode(), () -> describe(outside));
        assertNotProblem(outside);
    }

    @Test
    void leavesAnUnknownPageToTheServer() throws Exception {
        HttpResponse<String> unknown = get("no-such-page");
        assertEquals(404, unknown.statusCode(), () -> describe(unknown));
        assertNotProblem(unknown);
    }

    // ---- the webhook beside it

    @Test
    void answersASignedDeliveryAtTheWebhook() throws Exception {
        SignedDelivery delivery = greeting(SECRET);
        HttpResponse<String> reply = post("webhook", delivery);
        assertEquals(200, reply.statusCode(), () -> describe(reply));
        assertEquals("Hello, Ada! What would you like to do?",
                json(reply).getJsonArray("blocks").getJsonObject(0).getString("text"));

        HttpResponse<String> unsigned = post("webhook", delivery.body(), null);
        assertEquals(401, unsigned.statusCode(), () -> describe(unsigned));
        assertTrue(contentType(unsigned).startsWith(PROBLEM_JSON), contentType(unsigned));
    }

    // ---- the shop's application lists no classes, so it may pick up the webhook resource too (POST /api and
    // ---- POST /api/{bot}); there it must verify a delivery exactly as at /webhook, or not be there at all

    @Test
    void runsNoHandlerUnderTheShopApiWithoutAToken() throws Exception {
        String body = greeting(SECRET).body();
        for (String path : new String[] {"api/", "api"}) {
            HttpResponse<String> unsigned = post(path, body, null);
            assertTrue(REFUSED_OR_ABSENT.contains(unsigned.statusCode()),
                    () -> "POST /" + path + " without a token: " + describe(unsigned));
        }
    }

    @Test
    void runsNoHandlerUnderTheShopApiWithAWrongSecret() throws Exception {
        for (String path : new String[] {"api/", "api"}) {
            HttpResponse<String> forged = post(path, greeting("someone-elses-secret-0123456789"));
            assertTrue(REFUSED_OR_ABSENT.contains(forged.statusCode()),
                    () -> "POST /" + path + " with a wrong secret: " + describe(forged));
        }
    }

    @Test
    void verifiesADeliveryUnderTheShopApiAsAtTheWebhook() throws Exception {
        HttpResponse<String> atWebhook = post("webhook", greeting(SECRET));
        assertEquals(200, atWebhook.statusCode(), () -> describe(atWebhook));
        for (String path : new String[] {"api/", "api"}) {
            HttpResponse<String> underApi = post(path, greeting(SECRET));
            if (underApi.statusCode() == 200) {
                assertEquals(json(atWebhook), json(underApi), "POST /" + path + " answered differently");
            } else {
                assertTrue(REFUSED_OR_ABSENT.contains(underApi.statusCode()),
                        () -> "POST /" + path + ": " + describe(underApi));
            }
        }
    }
}
