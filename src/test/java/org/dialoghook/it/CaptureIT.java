package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.Map;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Capture mode {@code shape}: each delivery, accepted or refused, gets one DH-0700 line in the server's log with
 * the token's header, the names and types of claims and body members, and the settings' verdicts; never a value,
 * the token, its signature or the secret.
 */
class CaptureIT extends WebhookIT {

    static final String FORM_VALUE = "Ada-Lovelace-7f3e";

    private ServerOutput output;

    @Deployment
    static WebArchive deployment() {
        return receiver("capture", Map.of("dialoghook.secret", SECRET, "dialoghook.capture", "shape"), EchoHandler.class);
    }

    @BeforeEach
    void listen() {
        output = ServerOutput.capture();
    }

    @AfterEach
    void stopListening() {
        output.close();
    }

    /** The captured description of the delivery with this jti. */
    static JsonObject captured(ServerOutput output, String jti) {
        String line = output.awaitLine("DH-0700 delivery=" + jti + " ").orElseThrow(
                () -> new AssertionError("no DH-0700 line for " + jti));
        return Json.createReader(new StringReader(line.substring(line.indexOf("capture {") + "capture ".length())))
                .readObject();
    }

    static void assertNothingSecretIn(String line, SignedDelivery delivery) {
        assertFalse(line.contains(delivery.token()), "the token is never logged");
        assertFalse(line.contains(delivery.token().substring(delivery.token().lastIndexOf('.') + 1)),
                "the signature is never logged");
        assertFalse(line.contains(SECRET), "the secret is never logged");
    }

    @Test
    void anAcceptedDeliveryIsCapturedWithItsShapeAndNoValues() {
        SignedDelivery delivery = signer().jti("cap-1").handler("echo").formValue("name", FORM_VALUE)
                .formValue("city", Json.createObjectBuilder().add("value", "Bern").build()).sign();
        assertEquals(200, deliver(delivery).statusCode());

        JsonObject capture = captured(output, "cap-1");
        assertEquals("shape", capture.getString("mode"));
        assertEquals("HS256", capture.getJsonObject("token").getJsonObject("header").getString("alg"));
        assertEquals("string", capture.getJsonObject("token").getJsonObject("claims").getString("jti"));
        assertEquals("string", capture.getJsonObject("token").getJsonObject("claims").getString("body_sha256"));
        JsonObject body = capture.getJsonObject("body").getJsonObject("json");
        assertEquals("string", body.getString("handler"));
        assertEquals("{\"name\":\"string\",\"city\":{\"value\":\"string\"}}", body.getJsonObject("formValues").toString());
        JsonObject settings = capture.getJsonObject("settings");
        assertEquals("accepted with the current secret", settings.getString("verdict"));
        assertEquals("/handler", settings.getJsonObject("handlerField").getString("body"));
        assertEquals("fits", settings.getJsonObject("bodyBinding").getJsonObject("modes").getString("hash"));
        assertEquals(1, settings.getJsonObject("formValues").getInt("valueObjects"));

        String line = output.awaitLine("DH-0700 delivery=cap-1 ").orElseThrow();
        assertTrue(line.contains("handler=echo bot=default"), line);
        assertFalse(line.contains(FORM_VALUE) || line.contains("Bern"), "values are logged only in mode full");
        assertNothingSecretIn(line, delivery);
    }

    @Test
    void aRefusedDeliveryIsCapturedWithWhatWouldAcceptIt() {
        SignedDelivery delivery = signer().jti("cap-2").algorithm("HS384").handler("echo").sign();
        HttpResponse<String> response = deliver(delivery);
        assertProblem(response, 401, "invalid-token");

        JsonObject settings = captured(output, "cap-2").getJsonObject("settings");
        assertEquals("refused with 401: The token's algorithm is not accepted.", settings.getString("verdict"));
        assertEquals("no: add HS384 to dialoghook.jwt.algorithms", settings.getJsonObject("algorithm").getString("fits"));
        assertNothingSecretIn(output.awaitLine("DH-0700 delivery=cap-2 ").orElseThrow(), delivery);
    }

    @Test
    void aDeliveryWithAnotherSecretIsCapturedAsSuch() {
        SignedDelivery delivery = DeliverySigner.withSecret("not-the-secret-of-this-bot-00000000").jti("cap-3")
                .handler("echo").sign();
        assertProblem(deliver(delivery), 401, "invalid-token");
        JsonObject settings = captured(output, "cap-3").getJsonObject("settings");
        assertEquals("made with none of the bot's secrets, or not an HMAC signature", settings.getString("signature"));
    }

    @Test
    void aTokenSentAgainWithAnotherBodyIsReportedAsShared() {
        SignedDelivery first = signer().jti("cap-4").binding(DeliverySigner.Binding.NONE).handler("echo")
                .formValue("name", "one").sign();
        assertEquals(200, deliver(first).statusCode());
        assertEquals("no", captured(output, "cap-4").getJsonObject("token").getString("seenBefore"));
        String otherBody = first.body().replace("\"one\"", "\"two\"");
        assertEquals(200, post("/webhook", otherBody, "Content-Type", "application/json",
                "Authorization", "Bearer " + first.token()).statusCode());
        String line = output.awaitLine("DH-0700 delivery=cap-4 ", "with another body").orElseThrow(
                () -> new AssertionError("the second capture of the token says nothing of the first"));
        assertTrue(line.contains("the token is reused, and each body is a delivery of its own"), line);
        assertNothingSecretIn(line, first);
    }
}
