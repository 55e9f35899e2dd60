package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dialoghook.it.handlers.CountingHandler;
import org.dialoghook.it.handlers.ShowcaseHandler;
import org.dialoghook.it.handlers.SingletonEjbHandler;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.dialoghook.testkit.SendDelivery;
import org.dialoghook.testkit.Transcript;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The development console in a team's WAR that added the console jar and set {@code dialoghook.dev-console=true}:
 * the page, its script and the list of handlers, served to a loopback client beside the working webhook.
 */
class ConsoleIT extends WebhookIT {

    /** A team WAR with the console jar and the test kit it signs with; the console is on when {@code on}. */
    static WebArchive withConsole(String name, boolean on) {
        Map<String, String> settings = new HashMap<>(withSecret());
        if (on) {
            settings.put("dialoghook.dev-console", "true");
        }
        return teamWar(name, settings, CountingHandler.class, SingletonEjbHandler.class, ShowcaseHandler.class)
                .addAsLibrary(new File(System.getProperty("dialoghook.console.jar", "target/dialoghook-console.jar")))
                .addAsLibrary(new File(System.getProperty("dialoghook.testkit.jar", "target/dialoghook-testkit.jar")));
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
        assertEquals(3, handlers.size(), response::body);
        JsonObject count = handlers.getJsonObject(0);
        assertEquals("count", count.getString("name"));
        assertEquals(CountingHandler.class.getName(), count.getString("beanClass"));
        assertEquals("CDI", count.getString("kind"));
        assertEquals("ApplicationScoped", count.getString("scope"));
        assertEquals("PT10S", count.getString("timeout"));
        assertTrue(count.isNull("bots") && count.isNull("fallbackBlock") && count.isNull("invalidFormBlock"));
        JsonObject ejb = handlers.getJsonObject(2);
        assertEquals("singleton-ejb", ejb.getString("name"));
        assertEquals("EJB", ejb.getString("kind"));
        assertTrue(!response.body().contains(SECRET), "no secret in what the console shows");
    }

    @Test
    void theWebhookBesideItStillAnswers() {
        HttpResponse<String> reply = deliver(signer().handler("count").sign());
        assertEquals(200, reply.statusCode(), reply::body);
    }

    private JsonArray deliveriesAfter(long id) {
        HttpResponse<String> response = get("/dialoghook/console/deliveries?after=" + id);
        assertEquals(200, response.statusCode(), response::body);
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    private static long lastId(JsonArray deliveries) {
        return deliveries.isEmpty() ? 0 : deliveries.getJsonObject(deliveries.size() - 1).getJsonNumber("id").longValue();
    }

    @Test
    void everyRequestToTheWebhookIsInTheHistoryWithItsReplyAndClaimsButNeverItsToken() throws InterruptedException {
        long before = lastId(deliveriesAfter(0));
        SignedDelivery delivery = signer().handler("count").formValue("name", "Ada").jti("console-history-1").sign();
        assertEquals(200, deliver(delivery).statusCode());
        HttpResponse<String> refused = post("/webhook", delivery.body(), "Content-Type", "application/json",
                "Authorization", "Bearer " + DeliverySigner.withSecret("not-the-secret-0123456789abcdef0123")
                        .handler("count").sign().token());
        assertEquals(401, refused.statusCode());

        JsonArray recorded = awaitDeliveries(before, 2);
        assertEquals(2, recorded.size(), recorded::toString);
        JsonObject answered = recorded.getJsonObject(0);
        assertEquals("default", answered.getString("bot"));
        assertEquals("count", answered.getString("handler"));
        assertEquals(200, answered.getInt("status"));
        assertEquals("answered", answered.getString("outcome"));
        assertTrue(answered.getJsonNumber("durationMillis").doubleValue() > 0);
        JsonObject invalid = recorded.getJsonObject(1);
        assertEquals(401, invalid.getInt("status"));
        assertEquals("invalid-token", invalid.getString("outcome"));

        HttpResponse<String> detail = get("/dialoghook/console/deliveries/" + answered.getJsonNumber("id"));
        assertEquals(200, detail.statusCode(), detail::body);
        JsonObject shown = Json.createReader(new StringReader(detail.body())).readObject();
        assertEquals(delivery.body(), shown.getString("requestBody"));
        assertTrue(shown.getString("replyBody").contains("\"blocks\""), shown::toString);
        assertEquals("console-history-1", shown.getJsonObject("token").getJsonObject("claims").getString("jti"));
        assertEquals("HS256", shown.getJsonObject("token").getJsonObject("header").getString("alg"));
        String signature = delivery.token().substring(delivery.token().lastIndexOf('.') + 1);
        assertFalse(detail.body().contains(signature), "never the token's signature");
        assertFalse(detail.body().contains(delivery.token()), "never the token");
    }

    /** The history after a number, once it holds at least {@code count} more; the recorder adds after the reply. */
    private JsonArray awaitDeliveries(long after, int count) throws InterruptedException {
        JsonArray recorded = deliveriesAfter(after);
        for (int i = 0; i < 50 && recorded.size() < count; i++) {
            Thread.sleep(100);
            recorded = deliveriesAfter(after);
        }
        return recorded;
    }

    @Test
    void aDeliveryReplayedAsItWasIsARedeliveryAndReSignedItRunsTheHandlerAgain() throws InterruptedException {
        long before = lastId(deliveriesAfter(0));
        HttpResponse<String> first = deliver(signer().handler("count").sign());
        assertEquals(200, first.statusCode(), first::body);
        JsonArray recorded = awaitDeliveries(before, 1);
        long id = recorded.getJsonObject(0).getJsonNumber("id").longValue();

        HttpResponse<String> same = post("/dialoghook/console/deliveries/" + id + "/replay?as=same", "");
        assertEquals(200, same.statusCode(), same::body);
        JsonObject sameResult = Json.createReader(new StringReader(same.body())).readObject();
        assertEquals(200, sameResult.getInt("status"));
        assertEquals(first.body(), sameResult.getString("replyBody"), "the first run's reply, sent again");

        HttpResponse<String> resigned = post("/dialoghook/console/deliveries/" + id + "/replay?as=resigned", "");
        assertEquals(200, resigned.statusCode(), resigned::body);
        JsonObject resignedResult = Json.createReader(new StringReader(resigned.body())).readObject();
        assertEquals(200, resignedResult.getInt("status"));
        assertFalse(first.body().equals(resignedResult.getString("replyBody")),
                "the counting handler ran again and counted on: " + resignedResult.getString("replyBody"));

        JsonArray replays = awaitDeliveries(id, 2);
        assertEquals("redelivery", replays.getJsonObject(0).getString("outcome"));
        assertEquals("answered", replays.getJsonObject(1).getString("outcome"));
    }

    @Test
    void aComposedDeliveryIsSignedWithTheBotsSecretAndRecorded() throws InterruptedException {
        long before = lastId(deliveriesAfter(0));
        HttpResponse<String> sent = post("/dialoghook/console/send", "{\"bot\":\"default\",\"handler\":\"count\","
                + "\"formValues\":{\"name\":\"Ada\"},\"parameters\":{\"channel\":\"web\"}}",
                "Content-Type", "application/json");
        assertEquals(200, sent.statusCode(), sent::body);
        JsonObject result = Json.createReader(new StringReader(sent.body())).readObject();
        assertEquals(200, result.getInt("status"), result::toString);
        assertTrue(result.getString("replyBody").contains("run "), result::toString);
        JsonObject recorded = awaitDeliveries(before, 1).getJsonObject(0);
        assertEquals("count", recorded.getString("handler"));
        assertEquals("answered", recorded.getString("outcome"));
        JsonObject detail = Json.createReader(new StringReader(get("/dialoghook/console/deliveries/"
                + recorded.getJsonNumber("id")).body())).readObject();
        JsonObject body = Json.createReader(new StringReader(detail.getString("requestBody"))).readObject();
        assertEquals("Ada", body.getJsonObject("formValues").getString("name"));
        assertEquals("web", body.getString("channel"));
        assertTrue(detail.getJsonObject("token").getJsonObject("claims").containsKey("body_sha256"),
                "signed as the bot's body binding expects");
    }

    @Test
    void aRawBodyIsSignedAsWritten() {
        HttpResponse<String> sent = post("/dialoghook/console/send",
                "{\"rawBody\":\"{\\\"handler\\\":\\\"nope\\\"}\"}", "Content-Type", "application/json");
        assertEquals(200, sent.statusCode(), sent::body);
        JsonObject result = Json.createReader(new StringReader(sent.body())).readObject();
        assertEquals(404, result.getInt("status"), "verified, then no handler of that name: " + result);
        assertTrue(result.getString("replyBody").contains("unknown-handler"), result::toString);
    }

    @Test
    void whatCannotBeComposedIsA400Problem() {
        for (String composed : new String[] {"not json", "{\"bot\":\"nobody\",\"handler\":\"count\"}",
            "{\"handler\":\"\"}", "{\"handler\":\"count\",\"formValues\":[1]}"}) {
            HttpResponse<String> response = post("/dialoghook/console/send", composed, "Content-Type",
                    "application/json");
            assertEquals(400, response.statusCode(), composed + " -> " + response.body());
            assertEquals("urn:dialoghook:problem:console-bad-send",
                    Json.createReader(new StringReader(response.body())).readObject().getString("type"));
        }
    }

    @Test
    void theBotsAreListedWithWhetherTheyCanSign() {
        HttpResponse<String> response = get("/dialoghook/console/bots");
        assertEquals(200, response.statusCode(), response::body);
        JsonObject bot = Json.createReader(new StringReader(response.body())).readArray().getJsonObject(0);
        assertEquals("default", bot.getString("name"));
        assertEquals("/webhook", bot.getString("path"));
        assertTrue(bot.getBoolean("signs"));
    }

    @Test
    void aSavedTranscriptRunsAgainShowingTheRepliesThatDiffer() throws Exception {
        long before = lastId(deliveriesAfter(0));
        assertEquals(200, deliver(signer().handler("showcase").formValue("name", "Ada").sign()).statusCode());
        assertEquals(200, deliver(signer().handler("count").sign()).statusCode());
        assertEquals(404, deliver(signer().handler("nope").sign()).statusCode());
        JsonArray recorded = awaitDeliveries(before, 3);
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            ids.append(i == 0 ? "" : ",").append(recorded.getJsonObject(i).getJsonNumber("id"));
        }
        HttpResponse<String> saved = get("/dialoghook/console/transcript?ids=" + ids);
        assertEquals(200, saved.statusCode(), saved::body);
        assertTrue(saved.headers().firstValue("Content-Disposition").orElse("").contains("transcript.json"));
        Transcript transcript = Transcript.read(new StringReader(saved.body()));
        assertEquals(3, transcript.steps().size());
        assertFalse(saved.body().contains(SECRET));

        HttpResponse<String> run = post("/dialoghook/console/transcript/run", saved.body(),
                "Content-Type", "application/json");
        assertEquals(200, run.statusCode(), run::body);
        JsonObject result = Json.createReader(new StringReader(run.body())).readObject();
        assertFalse(result.getBoolean("allAsRecorded"));
        JsonArray steps = result.getJsonArray("steps");
        assertTrue(steps.getJsonObject(0).getBoolean("asRecorded"), "showcase answers the same");
        assertFalse(steps.getJsonObject(1).getBoolean("asRecorded"), "count counts on");
        assertTrue(steps.getJsonObject(2).getBoolean("asRecorded"), "the same problem type, whatever its errorId");

        // the same file from a JUnit test, through the test kit
        List<Transcript.Outcome> outcomes = transcript.runAgainst(uri("/webhook"), bot -> SECRET);
        assertEquals(List.of(true, false, true), outcomes.stream().map(Transcript.Outcome::asRecorded).toList(),
                Transcript.describe(outcomes));

        // and from the command line
        Path file = Files.createTempFile("transcript", ".json");
        Files.writeString(file, saved.body());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = SendDelivery.run(new String[] {"--url", uri("/webhook").toString(), "--secret", SECRET,
            "--transcript", file.toString()}, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, output);
        assertTrue(output.startsWith("delivery 2 (default): recorded 200"), output);
        assertFalse(output.contains("delivery 1 ") || output.contains("delivery 3 "), output);
    }

    @Test
    void aDeliveryIsCopiedAsACurlLineWithAFreshTokenAndAsTheSendersCommand() throws InterruptedException {
        long before = lastId(deliveriesAfter(0));
        SignedDelivery delivery = signer().handler("showcase").formValue("name", "O'Hara").parameter("channel",
                Json.createValue("web")).sign();
        assertEquals(200, deliver(delivery).statusCode());
        long id = awaitDeliveries(before, 1).getJsonObject(0).getJsonNumber("id").longValue();
        HttpResponse<String> response = get("/dialoghook/console/deliveries/" + id + "/commands");
        assertEquals(200, response.statusCode(), response::body);
        JsonObject commands = Json.createReader(new StringReader(response.body())).readObject();
        String curl = commands.getString("curl");
        assertTrue(curl.startsWith("curl -i -X POST '") && curl.contains("/webhook'"), curl);
        assertTrue(curl.contains("O'\\''Hara"), "the body's quote is escaped for the shell: " + curl);
        assertFalse(curl.contains(delivery.token()), "a fresh token, never the recorded one");
        String token = curl.replaceAll("(?s).*Authorization: Bearer ([^']+)'.*", "$1");
        HttpResponse<String> again = post("/webhook", delivery.body(), "Content-Type", "application/json",
                "Authorization", "Bearer " + token);
        assertEquals(200, again.statusCode(), "the fresh token is valid: " + again.body());
        assertTrue(again.headers().firstValue("Dialoghook-Redelivery").isEmpty(), "a new delivery, not a copy");
        String sender = commands.getString("sender");
        assertTrue(sender.startsWith("mvn -q -Psend test-compile exec:java -Dexec.args='--url "), sender);
        assertTrue(sender.contains("--handler '\\''showcase'\\''") && sender.contains("--param")
                && sender.contains("--form"), sender);
    }

    @Test
    void aFileThatIsNoTranscriptIsA400Problem() {
        HttpResponse<String> run = post("/dialoghook/console/transcript/run", "{\"deliveries\":[]}",
                "Content-Type", "application/json");
        assertEquals(400, run.statusCode(), run::body);
        assertEquals("urn:dialoghook:problem:console-bad-transcript",
                Json.createReader(new StringReader(run.body())).readObject().getString("type"));
    }

    @Test
    void aReplayWithoutAModeIsA400Problem() {
        HttpResponse<String> response = post("/dialoghook/console/deliveries/1/replay", "");
        assertEquals(400, response.statusCode(), response::body);
        assertEquals("urn:dialoghook:problem:console-bad-replay",
                Json.createReader(new StringReader(response.body())).readObject().getString("type"));
    }

    @Test
    void aDeliveryTheHistoryDoesNotHoldIsA404Problem() {
        HttpResponse<String> response = get("/dialoghook/console/deliveries/999999");
        assertEquals(404, response.statusCode());
        assertEquals("urn:dialoghook:problem:console-no-such-delivery",
                Json.createReader(new StringReader(response.body())).readObject().getString("type"));
    }
}
